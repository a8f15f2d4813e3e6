// The data half of ./setup.sh (after npm ci and the build): the token secret and every
// service's live files, created from data/seed/ only where they are missing.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SERVICE_NAMES, secretFile } from '../services/shared/config.js';
import type { SeedOptions, SeedResult } from '../services/shared/seed.js';
import { SHOWN_ONCE } from '../services/users/seed.js';
import { FILE_MODE, makePrivateDir } from '../services/shared/store/modes.js';
import { endQuietlyOnClosedPipe } from '../services/shared/closed-pipe.js';
import { dataDirOf, REPO_ROOT } from './stack.js';


function ensureSecret(dataDir: string, env: NodeJS.ProcessEnv): string {
  if (env.LIBRARY_SECRET) return 'secret: LIBRARY_SECRET is set; no secret file needed';
  const file = secretFile(dataDir);
  if (existsSync(file)) {
    chmodSync(file, FILE_MODE); // made private even if an older setup left it readable
    return `secret: kept ${file}`;
  }
  writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  return `secret: created ${file} (mode 0600)`;
}

async function main(): Promise<void> {
  const env = process.env;
  // Everything under DATA_DIR is private to this user whatever the caller's umask (password
  // hashes, the token secret): files 0600, folders 0700.
  process.umask(0o077);
  const dataDir = dataDirOf(env);
  // SEED_DIR lets the benchmark seed a generated catalog; users run setup with data/seed/.
  const seedDir = path.resolve(env.SEED_DIR || path.join(REPO_ROOT, 'data', 'seed'));
  const options: SeedOptions = { dataDir, seedDir, env };
  type SeedModule = { seed(options: SeedOptions): Promise<SeedResult>; check?(options: SeedOptions): void };
  const modules = await Promise.all(SERVICE_NAMES.map(async (name) => (await import(`../services/${name}/seed.js`)) as SeedModule));
  // Every setting is checked before anything is written: a bad one (a short
  // LIBRARY_ADMIN_PASSWORD) used to stop setup with the catalog's files already made.
  for (const module of modules) module.check?.(options);
  makePrivateDir(dataDir);
  makePrivateDir(path.join(dataDir, 'run'), dataDir);
  const lines = [ensureSecret(dataDir, env)];
  for (const module of modules) lines.push(...(await module.seed(options)));
  for (const line of lines) {
    // A password shown once and never seen is lost: the reader going away then is a failure.
    if (!line.includes(SHOWN_ONCE)) process.stdout.write(`  ${line}\n`);
    else {
      unseen = true;
      process.stdout.write(`  ${line}\n`, (error) => void (error || (unseen = false)));
    }
  }
}

let unseen = false;
endQuietlyOnClosedPipe([process.stdout], () => {
  if (!unseen) return;
  process.stderr.write(`setup: admin's new password could not be shown (stdout closed before it); remove ${path.join(dataDirOf(process.env), 'users')} (it holds only admin yet) and run setup again\n`);
  process.exitCode = 1;
});
main().catch((error: Error) => {
  process.stderr.write(`setup: ${error.message}\n`);
  process.exit(1);
});

// The container's entry point: `node dist/ops/serve.js <service>` creates that service's
// live files from data/seed/ where they are missing (as ./setup.sh does for a checkout,
// but for one service and its own volume), then runs the service in this process, so it
// is PID 1 and receives the SIGTERM of `docker stop` itself.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS, SERVICE_NAMES, type ProcessName, type ServiceName } from '../services/shared/config.js';
import type { SeedOptions, SeedResult } from '../services/shared/seed.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const name = process.argv[2] as ProcessName;

if (!Object.hasOwn(DEFAULT_PORTS, name)) {
  process.stderr.write(`serve: which process? one of ${Object.keys(DEFAULT_PORTS).join(', ')}; got "${process.argv[2] ?? ''}"\n`);
  process.exit(2);
}

if ((SERVICE_NAMES as readonly string[]).includes(name)) {
  const env = process.env;
  const options: SeedOptions = {
    dataDir: path.resolve(env.DATA_DIR || path.join(REPO_ROOT, 'data')),
    seedDir: path.resolve(env.SEED_DIR || path.join(REPO_ROOT, 'data', 'seed')),
    env,
  };
  try {
    const seed = (await import(`../services/${name as ServiceName}/seed.js`)) as { seed(options: SeedOptions): Promise<SeedResult> };
    for (const line of await seed.seed(options)) process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: name, level: 'info', msg: `seed: ${line}` })}\n`);
  } catch (error) {
    process.stderr.write(`${name}: cannot seed its data: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

// The bundle, as every start runs it (ops/build-services.ts).
await import(`../services/${name}/main.bundle.js`);

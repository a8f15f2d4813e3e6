// node dist/ops/service-token.js [caller]: prints a token with the role "service", valid for
// five minutes, signed with the same secret the services read (LIBRARY_SECRET, or the file
// setup.sh made). For trying the internal routes by hand; the services make their own.
import path from 'node:path';
import { Tokens } from '../services/shared/auth.js';
import { readSecret } from '../services/shared/config.js';
import { REPO_ROOT } from './stack.js';

const caller = process.argv[2] ?? 'by-hand';
const dataDir = path.resolve(process.env.DATA_DIR || path.join(REPO_ROOT, 'data'));
try {
  const { token } = await new Tokens(readSecret(process.env, dataDir)).issue({ username: `service:${caller}`, role: 'service' }, 300);
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`service-token: ${(error as Error).message}\n`);
  process.exit(1);
}

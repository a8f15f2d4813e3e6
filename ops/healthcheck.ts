// The image's HEALTHCHECK: asks GET /health of the process this container runs. Which one
// it is, is read from PID 1's command line (`node … dist/ops/serve.js <name>`), so one
// image and one HEALTHCHECK serve every service. Exit 0 when it answers 200, 1 otherwise.
import { readFileSync } from 'node:fs';
import { DEFAULT_PORTS, envName, type ProcessName } from '../services/shared/config.js';

const argv = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
const name = argv[argv.length - 1] as ProcessName;
const port = Object.hasOwn(DEFAULT_PORTS, name) ? process.env[envName(name, 'PORT')] || DEFAULT_PORTS[name] : undefined;

try {
  if (!port) throw new Error(`PID 1 runs no known service (${argv.join(' ')})`);
  const reply = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  if (reply.status !== 200) throw new Error(`/health answered ${reply.status}: ${await reply.text()}`);
} catch (error) {
  process.stdout.write(`unhealthy: ${(error as Error).message}\n`);
  process.exit(1);
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { stackEnv, REPO_ROOT, serviceScript } from '../../../test/support/processes.js';
import { seed } from '../../catalog/seed.js';
import { RotatingFile } from './log-sink.js';

describe('service logs', () => {
  it('rotate at the size given, keeping 3 old files', () => {
    const file = path.join(tempDataDir(), 'svc.log');
    const sink = new RotatingFile(file, 100);
    for (let i = 0; i < 30; i++) sink.write(`${String(i).padStart(2, '0')} ${'x'.repeat(36)}\n`); // 40 bytes a line: 2 per file
    assert.deepEqual(readdirSync(path.dirname(file)).filter((n) => n.startsWith('svc.log')).sort(), ['svc.log', 'svc.log.1', 'svc.log.2', 'svc.log.3']);
    assert.match(readFileSync(file, 'utf8'), /^28 /);
    assert.match(readFileSync(`${file}.1`, 'utf8'), /^26 /);
    assert.equal(existsSync(`${file}.4`), false);
  });

  it('drop a line that cannot be written (ENOSPC) instead of throwing', () => {
    const sink = new RotatingFile('/dev/full');
    sink.write('a line\n');
    assert.equal(sink.dropped, 1);
  });

  it('never stop a service whose stdout is on a full disk', async function () {
    this.timeout(30_000);
    const dataDir = tempDataDir();
    await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
    const env = await stackEnv(dataDir, { LOG_REQUESTS: '1' });
    const full = openSync('/dev/full', 'w'); // every write: ENOSPC
    const child = spawn(process.execPath, [serviceScript('catalog')], { env: { ...process.env, ...env }, stdio: ['ignore', full, full] });
    try {
      let ok = 0;
      for (let i = 0; i < 200 && ok < 20; i++) {
        const answer = await fetch(`${env.CATALOG_URL}/health`).catch(() => null);
        if (answer?.ok) ok++;
        else await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(ok, 20, 'the catalog answered 20 logged requests');
      assert.equal(child.exitCode, null, 'and is still running');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

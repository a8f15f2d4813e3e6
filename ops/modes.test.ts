import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test/support/http.js';
import { REPO_ROOT } from './stack.js';

/** Every file and folder under `root` whose mode lets group or others read, write or enter it. */
function notPrivate(root: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    const mode = statSync(at).mode & 0o777;
    if (mode & 0o077) found.push(`${path.relative(root, at) || '.'} ${mode.toString(8)}`);
    if (statSync(at).isDirectory()) for (const name of readdirSync(at)) walk(path.join(at, name));
  };
  walk(root);
  return found;
}

describe('file modes under DATA_DIR', () => {
  it('are 0600 for files and 0700 for folders after setup under umask 000, secret and password hashes included', () => {
    const dataDir = path.join(tempDir('modes-'), 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LIBRARY_ADMIN_PASSWORD: 'correct-horse-battery' };
    delete env.LIBRARY_SECRET;
    const run = spawnSync('sh', ['-c', 'umask 000 && exec "$0" dist/ops/setup.js', process.execPath], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(statSync(path.join(dataDir, 'secret')).isFile());
    assert.ok(statSync(path.join(dataDir, 'users')).isDirectory());
    assert.deepEqual(notPrivate(dataDir), []);
  });
});

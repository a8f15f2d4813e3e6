import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { notPrivate } from '../test/support/data-files.js';
import { tempDir } from '../test/support/http.js';
import { REPO_ROOT } from './stack.js';

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

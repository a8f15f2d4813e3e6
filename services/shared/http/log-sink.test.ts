import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { stackEnv, REPO_ROOT, serviceScript } from '../../../test/support/processes.js';
import { seed } from '../../catalog/seed.js';
import { BATCH_CHARS, BatchedSink, FLUSH_MS, RotatingFile, type LogSink } from './log-sink.js';
import { isoTime } from './request-log.js';

function recording(): LogSink & { writes: string[] } {
  const writes: string[] = [];
  return { writes, dropped: 0, write: (line) => void writes.push(line) };
}

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

  describe('BatchedSink', () => {
    it('writes the lines queued before its flush together, in order, when it comes', () => {
      const inner = recording();
      const flushes: (() => void)[] = [];
      const sink = new BatchedSink(inner, BATCH_CHARS, (flush) => flushes.push(flush));
      sink.queue('a\n');
      sink.queue('b\n');
      assert.equal(flushes.length, 1, 'one flush asked for the batch');
      assert.deepEqual(inner.writes, []);
      flushes[0]();
      assert.deepEqual(inner.writes, ['a\nb\n']);
      sink.queue('c\n');
      assert.equal(flushes.length, 2);
      flushes[1]();
      assert.deepEqual(inner.writes, ['a\nb\n', 'c\n']);
    });

    it('by default writes its queue FLUSH_MS after the first line, not sooner', async () => {
      const inner = recording();
      const sink = new BatchedSink(inner);
      sink.queue('a\n');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(inner.writes, []);
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 20));
      assert.deepEqual(inner.writes, ['a\n']);
    });

    it('writes a line given to write() at once, after the queued ones', () => {
      const inner = recording();
      const sink = new BatchedSink(inner);
      sink.queue('request\n');
      sink.write('error\n');
      assert.deepEqual(inner.writes, ['request\n', 'error\n']);
    });

    it('writes a queue that reaches its length at once', () => {
      const inner = recording();
      const sink = new BatchedSink(inner, 10);
      sink.queue('12345\n');
      assert.deepEqual(inner.writes, []);
      sink.queue('67890\n');
      assert.deepEqual(inner.writes, ['12345\n67890\n']);
    });

    it('writes what is queued when the process exits', async () => {
      const file = path.join(tempDataDir(), 'exit.log');
      const module = path.join(REPO_ROOT, 'dist', 'services', 'shared', 'http', 'log-sink.js');
      const script = `const { processLogSink } = await import(${JSON.stringify(module)}); processLogSink().queue('last words\\n'); process.exit(3);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, LOG_FILE: file }, stdio: 'ignore' });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(code, 3);
      assert.equal(readFileSync(file, 'utf8'), 'last words\n');
    });
  });

  describe('isoTime()', () => {
    it('says what toISOString() says, and moves on when the millisecond does', () => {
      let t = Date.UTC(2026, 11, 3, 9, 30, 0, 5);
      const time = isoTime(() => t);
      assert.equal(time(), '2026-12-03T09:30:00.005Z');
      t += 1;
      assert.equal(time(), '2026-12-03T09:30:00.006Z');
      assert.equal(time(), new Date(t).toISOString());
    });
  });
});

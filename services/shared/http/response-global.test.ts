import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('./response-global.js', import.meta.url).href;
const koaUrl = import.meta.resolve('koa');

/** Runs `body` in a fresh Node process (where nothing has loaded undici yet) after deferResponseGlobal(); its stdout as JSON. */
function inFreshProcess(body: string): Promise<Record<string, unknown>> {
  const script = `import { deferResponseGlobal } from ${JSON.stringify(moduleUrl)};
deferResponseGlobal();
const undici = () => process.moduleLoadList.some((m) => m.includes('undici'));
const out = {};
${body}
process.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

describe('deferResponseGlobal()', () => {
  it('lets koa answer a JSON body without loading undici', async () => {
    const out = await inFreshProcess(`
const { default: Koa } = await import(${JSON.stringify(koaUrl)});
const app = new Koa();
app.use((ctx) => { ctx.body = { status: 'ok' }; });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const http = await import('node:http');
out.body = await new Promise((resolve) => http.get({ host: '127.0.0.1', port: server.address().port, path: '/' }, (res) => {
  let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => resolve({ type: res.headers['content-type'], text }));
}));
server.close();
out.plainObject = ({}) instanceof Response;
out.undici = undici();`);
    assert.deepEqual(out.body, { type: 'application/json; charset=utf-8', text: '{"status":"ok"}' });
    assert.equal(out.plainObject, false);
    assert.equal(out.undici, false, 'undici was loaded');
  });

  it('is the real Response as soon as one is made or a static is called', async () => {
    const out = await inFreshProcess(`
const made = new Response('hi', { status: 201 });
out.made = [made.status, await made.text(), made instanceof Response, undici()];
out.json = await Response.json({ a: 1 }).json();
out.isReal = Object.prototype.toString.call(Response.error()) === '[object Response]' && Response.name === 'Response' && new Response('x') instanceof Response;`);
    assert.deepEqual(out.made, [201, 'hi', true, true]);
    assert.deepEqual(out.json, { a: 1 });
    assert.equal(out.isReal, true);
  });
});

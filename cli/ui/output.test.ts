import assert from 'node:assert/strict';
import { captureIo } from '../../test/fixtures/cli-io.js';
import { Output } from './output.js';

const ANSI = /\u001b\[/;

function io(env: Record<string, string>, tty: boolean) {
  const captured = captureIo(env);
  Object.assign(captured.stdout, { isTTY: tty });
  Object.assign(captured.stderr, { isTTY: tty });
  return captured;
}

describe('Output', function () {
  const render = (data: { n: number }, style: Output['style']) => style.bold(`n is ${data.n}`);

  it('colours text on a terminal', async () => {
    const captured = io({}, true);
    await new Output(captured, false).emit({ n: 1 }, render);
    assert.match(captured.stdoutText(), ANSI);
  });

  it('prints no colour codes with NO_COLOR, even on a terminal', async () => {
    const captured = io({ NO_COLOR: '1' }, true);
    const out = new Output(captured, false);
    await out.emit({ n: 1 }, render);
    out.error('refused');
    assert.equal(captured.stdoutText(), 'n is 1\n');
    assert.equal(captured.stderrText(), 'library: refused\n');
  });

  it('prints no colour codes when not on a terminal', async () => {
    const captured = io({}, false);
    await new Output(captured, false).emit({ n: 1 }, render);
    assert.doesNotMatch(captured.stdoutText(), ANSI);
  });

  it('with --json prints the data as JSON and never calls the renderer', async () => {
    const captured = io({}, true);
    await new Output(captured, true).emit({ n: 2 }, () => assert.fail('rendered in --json mode'));
    assert.deepEqual(JSON.parse(captured.stdoutText()), { n: 2 });
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createContext } from '../context.js';
import { createProgram } from '../program.js';
import { runCli } from '../run.js';
import { captureIo } from '../../test/fixtures/cli-io.js';
import { completionScript } from './completion.js';

describe('library completion', () => {
  const io = captureIo({});
  const program = createProgram({ io, context: (options) => createContext(io, options) });

  /** What bash offers after `library <typed>`, with the generated script loaded. */
  function complete(which: 'bash', typed: string[]): string[] {
    const words = ['library', ...typed].map((w) => `'${w}'`).join(' ');
    const script = `${completionScript(program, which)}\nCOMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _library; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it('bash: completes subcommands, their subcommands and options from the command tree', () => {
    assert.deepEqual(complete('bash', ['chec']), ['checkout', 'checkin']);
    assert.deepEqual(complete('bash', ['books', 'im']), ['import']);
    assert.ok(complete('bash', ['books', 'import', '--']).includes('--dry-run'));
    assert.ok(complete('bash', ['users', '']).includes('reset-password'));
  });

  it('prints the script line by line: what `source <(library completion bash)` loads completes', async () => {
    const printed = captureIo({});
    assert.equal(await runCli(['completion', 'bash'], printed), 0, printed.stderrText());
    const script = `${printed.stdoutText()}\ncomplete -p library`;
    assert.match(execFileSync('bash', ['-c', script], { encoding: 'utf8' }), /complete -F _library library/);
  });

  it('zsh: the same function through bashcompinit', () => {
    const script = completionScript(program, 'zsh');
    assert.match(script, /^autoload -U \+X bashcompinit && bashcompinit\n/);
    assert.ok(script.includes('complete -F _library library'));
  });
});

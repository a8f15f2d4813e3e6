// The docs test: every curl and library example of the README, and every example of every
// subcommand's --help, runs on a fresh data folder and answers as the text shows (see
// test/support/doc-examples.ts for which lines count and how an answer is written).
// The README's examples run top to bottom in one bash shell against a real stack on free
// ports; the --help examples run the same way on a second fresh stack (they share names
// such as alice with the README, so each set starts from the seed).
//
// What the test gives the shell, as the README's text tells a reader to have it: the
// repository's folder as the working folder (bin/ and dist/, linked into a scratch folder so
// files the examples write stay out of the checkout), ADMIN_PASSWORD (the password setup
// printed), the stack's DATA_DIR, LIBRARY_URL, and a PATH without `library` (the README's
// own `export PATH=…` line puts it there). Ports: 127.0.0.1:5000 and the services' default
// ports in the text are replaced by the stack's. For the --help examples the test itself puts
// bin/ on PATH, sets PASSWORD (every account of that run has it: the examples register alice
// and bob with "$PASSWORD") and logs in as whom test/support/help-examples.ts says each
// command's examples are for; those lines are checked like the examples.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS, type ProcessName } from '../../services/shared/config.js';
import { readmeExamples, report, runExamples } from '../support/doc-examples.js';
import { helpExamples } from '../support/help-examples.js';
import { tempDir } from '../support/http.js';
import { LIVE_ADMIN_PASSWORD, startLiveStack, type LiveStack } from '../support/live-stack.js';
import { REPO_ROOT } from '../support/processes.js';

async function scratch(stack: LiveStack, name: string): Promise<{ cwd: string; env: Record<string, string>; replace: Array<[string, string]> }> {
  const cwd = tempDir(`library-docs-${name}-`);
  for (const folder of ['bin', 'dist']) symlinkSync(path.join(REPO_ROOT, folder), path.join(cwd, folder));
  const home = path.join(cwd, '.home');
  mkdirSync(home);
  const replace: Array<[string, string]> = Object.entries(DEFAULT_PORTS).map(([process, port]) => [
    `127.0.0.1:${port}`,
    stack.url(process as ProcessName).replace('http://', ''),
  ]);
  const env = {
    PATH: (process.env.PATH ?? '').split(':').filter((dir) => !dir.startsWith(REPO_ROOT)).join(':'),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    TZ: 'UTC',
    DATA_DIR: stack.dataDir,
    LIBRARY_SECRET: stack.env.LIBRARY_SECRET,
    LIBRARY_URL: stack.gatewayUrl,
    ADMIN_PASSWORD: LIVE_ADMIN_PASSWORD,
  };
  return { cwd, env, replace };
}

describe('the docs test: README and --help examples run as written', function () {
  this.timeout(600_000);
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it('finds the examples: no curl or library line in a block that is not run', () => {
    const { examples, notRun } = readmeExamples(readme);
    assert.deepEqual(notRun, [], 'fence these as sh (run by this test) or move them into prose');
    assert.ok(examples.length > 50, `only ${examples.length} README examples found`);
    assert.ok(examples.some((e) => e.answers.length > 0), 'no example shows an answer');
    assert.ok(helpExamples().length > 50);
  });

  for (const [name, examples] of [
    ['README.md', () => readmeExamples(readme).examples],
    ['--help', () => [{ where: '(the test)', command: 'export PATH="$PWD/bin:$PATH" PASSWORD="$ADMIN_PASSWORD"', answers: [] }, ...helpExamples()]],
  ] as const) {
    it(`every ${name} example, in order, in one shell on a fresh stack`, async () => {
      const stack = await startLiveStack();
      try {
        const { cwd, env, replace } = await scratch(stack, name.replace(/\W/g, ''));
        try {
          const outcomes = await runExamples(examples(), { cwd, env, replace });
          const problems = report(outcomes);
          if (problems.length > 0) assert.fail(`${problems.length} of ${outcomes.length} examples failed:\n${problems.join('\n')}`);
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      } finally {
        await stack.close();
      }
    });
  }
});

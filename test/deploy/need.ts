// What the deployment tests need from the machine, installed with apt-get when missing (as
// root, saying so). When it cannot be had the test FAILS, naming the command and package:
// a container test that skips itself proves nothing.
import { execFileSync } from 'node:child_process';

const installed = new Set<string>();
let updated = false;

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure each command exists, installing its Debian package when it does not. */
export function need(packages: Record<string, string>): void {
  const missing = Object.entries(packages).filter(([command]) => !installed.has(command) && !has(command));
  if (missing.length > 0) {
    const names = [...new Set(missing.map(([, pkg]) => pkg))];
    if (process.getuid?.() !== 0 || !has('apt-get')) {
      throw new Error(`missing ${missing.map(([c]) => c).join(', ')}: install ${names.join(' ')} (apt-get install ${names.join(' ')})`);
    }
    process.stderr.write(`deploy tests: installing ${names.join(' ')} with apt-get\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!updated) execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    updated = true;
    execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
    for (const [command, pkg] of missing) if (!has(command)) throw new Error(`${command} is still missing after apt-get install ${pkg}`);
  }
  for (const command of Object.keys(packages)) installed.add(command);
}

import { runStatus } from '../actions/status.js';
import { newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeStatusCommand(deps: CommandDeps) {
  const command = newCommand('status', 'every service up or down, with latency (exit 3 when one is down)')
    .helpGroup('Other:')
    .action(() => run(deps, command, (ctx) => runStatus(ctx)));
  return withExamples(command, ['library status', 'library status --json']);
}

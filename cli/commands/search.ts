import { runSearch } from '../actions/search.js';
import { integer, newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeSearchCommand(deps: CommandDeps) {
  const command = newCommand('search', 'find books by title, author or ISBN (no words: the whole catalog)')
    .helpGroup('Books:')
    .argument('[words...]', 'words to look for in titles, authors and ISBNs')
    .option('--topic <topic>', 'only books on this topic')
    .option('--author <name>', 'only books by this author')
    .option('--limit <n>', 'books per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'books to skip, for the next page', integer(0))
    .action((words: string[], { topic, author, limit, offset }: { topic?: string; author?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) => runSearch(ctx, { q: words.join(' ').trim() || undefined, topic, author, limit, offset })),
    );
  return withExamples(command, ['library search clean code', 'library search --topic programming --limit 50', 'library search 9780132350884 --json']);
}

// The README's examples as a script: which lines are examples, what answer each shows, and
// running them all in ONE bash shell (so a TOKEN=… or NEW_ID=… line serves the lines after
// it, as it does for a reader pasting them in order), then checking each one.
//
// What counts as an example (README.md):
// - every line of a fenced block whose info string is `sh` (a `\` at the end of a line
//   continues it; a comment line is prose, except `# → …`, the answer of the line above);
// - every code span in the Example column of a table.
// Blocks fenced as `console` are commands that install or start things (setup, docker,
// kubectl, the benchmark) and are not run; they may hold no `curl` or `library` line.
//
// What "answers as shown" means for `# → ANSWER`:
// - `# → exit N` (then optional text): the exit status is N (otherwise it must be 0);
// - `# → 409` (then optional text): curl's HTTP status (otherwise every status must be < 400);
// - any text left must appear in what the example printed (stdout and stderr, spaces folded).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Example {
  /** Where it comes from, e.g. `README.md:271`, for the failure message. */
  where: string;
  command: string;
  answers: string[];
}

export interface Outcome {
  example: Example;
  code: number | undefined;
  stdout: string;
  stderr: string;
}

const FENCE = /^(\s*)```(\S*)\s*$/;
const ANSWER = /^#\s*→\s*(.*)$/;
const CODE_SPAN = /`((?:[^`\\]|\\.)*)`/g;

export function readmeExamples(markdown: string, file = 'README.md'): { examples: Example[]; notRun: string[] } {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const notRun: string[] = [];
  let exampleColumn = -1;
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      const [, indent, info] = fence;
      const body: Array<{ line: number; text: string }> = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push({ line: i + 1, text: lines[i].slice(indent.length) });
      if (info === 'sh') examples.push(...blockExamples(body, file));
      else if (info === 'console') {
        for (const { line, text } of body) if (/^\s*(?:[A-Z_]+=\S*\s+)*(?:curl|library)\s/.test(text)) notRun.push(`${file}:${line}: ${text.trim()}`);
      }
      continue;
    }
    if (!lines[i].startsWith('|')) {
      exampleColumn = -1;
      continue;
    }
    const cells = tableCells(lines[i]);
    if (exampleColumn < 0) {
      exampleColumn = cells.findIndex((cell) => cell === 'Example');
      continue;
    }
    const cell = cells[exampleColumn];
    if (!cell) continue;
    for (const match of cell.matchAll(CODE_SPAN)) examples.push({ where: `${file}:${i + 1}`, command: match[1].replace(/\\\|/g, '|'), answers: [] });
  }
  return { examples, notRun };
}

function blockExamples(body: Array<{ line: number; text: string }>, file: string): Example[] {
  const examples: Example[] = [];
  for (let j = 0; j < body.length; j++) {
    const text = body[j].text.trim();
    if (text === '') continue;
    const answer = ANSWER.exec(text);
    if (answer) {
      const last = examples.at(-1);
      if (!last) throw new Error(`${file}:${body[j].line}: an answer (# →) with no example above it`);
      last.answers.push(answer[1].trim());
      continue;
    }
    if (text.startsWith('#')) continue;
    const start = body[j].line;
    let command = body[j].text;
    while (/\\$/.test(command) && j + 1 < body.length) command = `${command}\n${body[++j].text}`;
    examples.push({ where: `${file}:${start}`, command: command.trim(), answers: [] });
  }
  return examples;
}

/** A table row's cells, `\|` kept inside its cell. */
function tableCells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  /** Text replacements made before running, e.g. the README's ports for the test stack's. */
  replace?: Array<[string, string]>;
  timeoutMs?: number;
}

/**
 * Runs every example in one `bash` in order, each in a `{ … }` group in the shell itself
 * (so assignments carry on), its output kept apart. curl is wrapped to print its HTTP
 * status on stderr (`%{stderr}`: stdout, which examples pipe, is left as it is).
 */
export async function runExamples(examples: Example[], options: RunOptions): Promise<Outcome[]> {
  const results = path.join(options.cwd, '.examples');
  mkdirSync(results, { recursive: true });
  const replaceAll = (text: string) => (options.replace ?? []).reduce((t, [from, to]) => t.split(from).join(to), text);
  const script = [
    `curl() { command curl -w '%{stderr}HTTP %{http_code}\\n' "$@"; }`,
    ...examples.map((example, n) =>
      [`printf '%s\\n' ${shellQuote(example.where)} >>${shellQuote(path.join(results, 'progress'))}`, '{', replaceAll(example.command), `} >${results}/${n}.out 2>${results}/${n}.err </dev/null; echo $? >${results}/${n}.code`].join('\n'),
    ),
  ].join('\n');
  writeFileSync(path.join(results, 'script.sh'), `${script}\n`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', path.join(results, 'script.sh')], { cwd: options.cwd, env: options.env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const read = (name: string) => {
    try {
      return readFileSync(path.join(results, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return examples.map((example, n) => {
    const code = read(`${n}.code`);
    return { example, code: code === undefined ? undefined : Number(code), stdout: read(`${n}.out`) ?? '', stderr: read(`${n}.err`) ?? '' };
  });
}

/** What is wrong with one outcome against the answers its example shows; undefined when right. */
export function problemWith(outcome: Outcome): string | undefined {
  const { example, code, stdout, stderr } = outcome;
  if (code === undefined) return 'did not run (the script stopped or timed out before it)';
  let wantCode = 0;
  let wantStatus: number | undefined;
  const texts: string[] = [];
  for (const answer of example.answers) {
    const exit = /^exit (\d+)\b:?\s*(.*)$/.exec(answer);
    const status = /^(\d{3})\b\s*(.*)$/.exec(answer);
    if (exit) {
      wantCode = Number(exit[1]);
      if (exit[2]) texts.push(exit[2]);
    } else if (status) {
      wantStatus = Number(status[1]);
      if (status[2]) texts.push(status[2]);
    } else texts.push(answer);
  }
  const statuses = [...stderr.matchAll(/^HTTP (\d{3})$/gm)].map((m) => Number(m[1]));
  const printed = `${stdout}\n${stderr.replace(/^HTTP \d{3}\n?/gm, '')}`;
  const wrong: string[] = [];
  if (code !== wantCode) wrong.push(`exit ${code}, expected ${wantCode}`);
  if (wantStatus !== undefined && !statuses.includes(wantStatus)) wrong.push(`HTTP ${statuses.join(', ') || 'none'}, expected ${wantStatus}`);
  if (wantStatus === undefined && statuses.some((s) => s >= 400)) wrong.push(`HTTP ${statuses.join(', ')}`);
  const fold = (text: string) => text.replace(/\s+/g, ' ');
  for (const text of texts) if (!fold(printed).includes(fold(text))) wrong.push(`does not print ${JSON.stringify(text)}`);
  if (wrong.length === 0) return undefined;
  const shown = fold(printed).trim().slice(0, 400);
  return `${wrong.join('; ')}; printed: ${shown || '(nothing)'}`;
}

export function report(outcomes: Outcome[]): string[] {
  return outcomes.flatMap((outcome) => {
    const problem = problemWith(outcome);
    return problem ? [`${outcome.example.where}: ${outcome.example.command.split('\n')[0]}\n      ${problem}`] : [];
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

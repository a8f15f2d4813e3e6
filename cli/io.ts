// The process's streams and environment, passed in rather than reached for, so a test
// can run the whole client in-process with captured output.
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export function processIo(): CliIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** Prompts need a person at a terminal on both ends. */
export function canPrompt(io: CliIo): boolean {
  return Boolean(io.stdin.isTTY && io.stderr.isTTY);
}

/** NO_COLOR (any non-empty value) or a stream that is not a terminal turns colours off. */
export function wantsColor(io: CliIo, stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && !io.env.NO_COLOR;
}

/** Reads all of stdin, e.g. a password given with --password-stdin. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** A terminal's width (80 when it does not say); undefined for a pipe or a file. */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }): number | undefined {
  if (!stream.isTTY) return undefined;
  return stream.columns && stream.columns > 0 ? stream.columns : 80;
}

// A CliIo for tests: no terminal, stdin from a string, stdout and stderr captured.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { tempDir } from '../../test/support/http.js';
import { createContext, type Ctx } from '../context.js';
import type { CliIo } from '../io.js';

export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

export function captureIo(env: Record<string, string | undefined>, input = ''): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  return {
    env,
    stdin: Readable.from(input === '' ? [] : [Buffer.from(input)]),
    stdout,
    stderr,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}

/** A config folder of its own, so no test reads or writes the real session file. */
export function tempConfigHome(): { dir: string; remove(): void } {
  const dir = tempDir('library-cli-config-');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An action context against `url`, with captured output. */
export function testContext(url: string, configHome: string, options: { json?: boolean; env?: Record<string, string> } = {}): Ctx & { io: CapturedIo } {
  const io = captureIo({ LIBRARY_URL: url, XDG_CONFIG_HOME: configHome, NO_COLOR: '1', ...options.env });
  return { ...createContext(io, { json: options.json }), io };
}

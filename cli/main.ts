#!/usr/bin/env node
// `library`: the terminal client. Everything happens in runCli; this only wires the process.
import { processIo } from './io.js';
import { runCli } from './run.js';

// `library … | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
// Nothing should be left running, but a stray socket or timer must not keep a script waiting.
setTimeout(() => process.exit(code), 2000).unref();

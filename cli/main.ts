#!/usr/bin/env node
// `library`: the terminal client. Everything happens in runCli; this only wires the process.
import { processIo } from './io.js';
import { runCli } from './run.js';
import { endQuietlyOnClosedPipe } from '../services/shared/closed-pipe.js';

endQuietlyOnClosedPipe();

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
// Nothing should be left running, but a stray socket or timer must not keep a script waiting.
setTimeout(() => process.exit(code), 2000).unref();

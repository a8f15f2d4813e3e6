// `library … | head`, `./startup.sh status | head`, `node dist/ops/setup.js | head`: the
// reader closes the pipe early. That is the reader being done, not an error, so the process
// ends quietly (with the exit code it had) instead of throwing an EPIPE stack trace.
// `lost()`, when given, is told first (setup: a password shown once that nobody saw).
export function endQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr], lost?: () => void): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      lost?.();
      process.exit(process.exitCode ?? 0);
    });
  }
}

// `library … | head`, `./startup.sh status | head`, `node dist/ops/setup.js | head`: the
// reader closes the pipe early. That is the reader being done, not an error, so the process
// ends quietly (with the exit code it had) instead of throwing an EPIPE stack trace.
export function endQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

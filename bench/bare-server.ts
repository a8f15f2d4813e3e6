// The reference for this machine: plain node:http answering a fixed JSON, run as its own
// process (like a service) on the port given as the first argument. Whatever the
// services reach is read against what Node itself reaches here, in the same run.
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok', service: 'bare', items: [{ id: 'bk-1', title: 'A fixed answer' }] });
const port = Number(process.argv[2] ?? 0);

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

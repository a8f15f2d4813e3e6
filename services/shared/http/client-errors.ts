// What Node's HTTP server says itself, before any middleware runs — headers too large,
// a request it cannot parse — also leaves as problem+json, like every other refusal.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const title = tooLarge ? 'Request header fields too large' : 'Bad request';
    const body = JSON.stringify({
      type: tooLarge ? '/problems/headers-too-large' : '/problems/bad-request',
      title,
      status,
      detail: tooLarge ? 'the request headers are over the limit (16 KiB)' : 'the request could not be parsed as HTTP/1.1',
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

// Requests from a chosen loopback source address (127.x.y.z), so tests can be several
// clients at once: the socket is bound to `localAddress` before it connects.
import http from 'node:http';

export interface FromReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export function sendFrom(localAddress: string, base: string, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<FromReply> {
  const { hostname, port } = new URL(base);
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const all: http.OutgoingHttpHeaders = { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) };
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method, localAddress, headers: all, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

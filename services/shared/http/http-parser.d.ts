// Node's HTTP parser (llhttp), as node:http itself uses it; connection-pool.ts reads
// answers with it. Undocumented, so typed here with only what is used.
declare module 'node:_http_common' {
  export class HTTPParser {
    static readonly REQUEST: number;
    static readonly RESPONSE: number;
    static readonly kOnHeaders: number;
    static readonly kOnHeadersComplete: number;
    static readonly kOnBody: number;
    static readonly kOnMessageComplete: number;
    [callback: number]: (...args: never[]) => unknown;
    initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
    /** Bytes parsed, or the parse error. */
    execute(data: Buffer): number | Error;
    finish(): number | Error | undefined;
    close(): void;
  }
}

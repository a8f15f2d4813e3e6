// Node 20 makes the fetch globals (Response, Request, Headers, …) on first read: reading
// `Response` loads undici, about 65 ms of CPU and 3 MiB. Koa's body setter reads it
// (`val instanceof Response`) for every answer whose body is an object, so each service's
// first JSON answer, its first GET /health, paid that (seven processes at once as the stack
// starts on two cores) for a library no service uses: they call each other with node:http.
// The stand-in answers `instanceof` by the value's brand without loading undici; making a
// Response or calling one of its statics loads the real one, which then takes the global.

type ResponseClass = typeof globalThis.Response;

/** Puts the stand-in in place of Node's lazy `Response`, unless something has made the real one already. */
export function deferResponseGlobal(): void {
  const lazy = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!lazy?.get || !lazy.configurable) return;
  // Node's getter loads undici and sets the global to the real class.
  const real = (): ResponseClass => lazy.get!.call(globalThis) as ResponseClass;
  class Response {
    constructor(...args: ConstructorParameters<ResponseClass>) {
      return new (real())(...args);
    }

    static [Symbol.hasInstance](value: unknown): boolean {
      return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Response]';
    }

    static json(...args: Parameters<ResponseClass['json']>): globalThis.Response {
      return real().json(...args);
    }

    static error(): globalThis.Response {
      return real().error();
    }

    static redirect(...args: Parameters<ResponseClass['redirect']>): globalThis.Response {
      return real().redirect(...args);
    }
  }
  Object.defineProperty(globalThis, 'Response', { configurable: true, enumerable: lazy.enumerable, writable: true, value: Response });
}

// What every action gets: the API client, the session, the output, and prompts (which
// only a terminal may use). Built once per command, or once for a whole menu session.
import { ApiClient } from './api/client.js';
import { canPrompt, type CliIo } from './io.js';
import { SessionStore } from './session.js';
import { Ask } from './ui/ask.js';
import { Output } from './ui/output.js';

export interface Ctx {
  io: CliIo;
  api: ApiClient;
  session: SessionStore;
  out: Output;
  ask: Ask;
  /** A person is at a terminal: missing arguments may be asked for. */
  interactive: boolean;
}

export interface ContextOptions {
  json?: boolean;
}

export function createContext(io: CliIo, options: ContextOptions = {}): Ctx {
  const session = new SessionStore(io.env);
  const api = new ApiClient({ baseUrl: io.env.LIBRARY_URL, token: () => session.token() });
  return {
    io,
    api,
    session,
    out: new Output(io, Boolean(options.json)),
    ask: new Ask(io),
    interactive: canPrompt(io),
  };
}

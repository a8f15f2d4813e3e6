// Who the client acts as: LIBRARY_TOKEN when set, else the session file that `login`
// writes to $XDG_CONFIG_HOME/library/session.json (folder 0700, file 0600).
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoginResponse } from './api/types.js';

export interface SessionUser {
  username: string;
  role: string;
  name?: string;
}

export interface SessionFile {
  token: string;
  expiresAt: string;
  user: SessionUser;
  /** The gateway the token was issued by. */
  url: string;
}

export interface CurrentSession {
  token: string;
  user: SessionUser;
  expiresAt?: string;
  source: 'LIBRARY_TOKEN' | 'session file';
}

type Env = Record<string, string | undefined>;

export function sessionPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'library', 'session.json');
}

export class SessionStore {
  readonly file: string;

  constructor(private readonly env: Env) {
    this.file = sessionPath(env);
  }

  /** The session in force, or null when logged out or the saved one has expired. */
  current(now = Date.now()): CurrentSession | null {
    const fromEnv = this.env.LIBRARY_TOKEN?.trim();
    if (fromEnv) return { token: fromEnv, source: 'LIBRARY_TOKEN', ...claims(fromEnv) };
    const saved = this.read();
    if (!saved || Date.parse(saved.expiresAt) <= now) return null;
    return { token: saved.token, user: saved.user, expiresAt: saved.expiresAt, source: 'session file' };
  }

  token(): string | undefined {
    return this.current()?.token;
  }

  /** The saved file as it is, expired or not; null when missing or unreadable. */
  read(): SessionFile | null {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as SessionFile;
      return typeof data?.token === 'string' && data.user ? data : null;
    } catch {
      return null;
    }
  }

  save(login: LoginResponse, url: string): void {
    const dir = path.dirname(this.file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // it may have existed with looser rights
    const { username, role, name } = login.user;
    const data: SessionFile = { token: login.token, expiresAt: login.expiresAt, user: { username, role, name }, url };
    // Written beside and renamed over, so a crash never leaves half a token behind.
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  /** Forgets the saved session; true when there was one. */
  clear(): boolean {
    const existed = this.read() !== null;
    rmSync(this.file, { force: true });
    return existed;
  }
}

/** The user a token names, read without verifying it: only for showing who is logged in. */
function claims(token: string): { user: SessionUser; expiresAt?: string } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub?: string; role?: string; exp?: number };
    const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : undefined;
    return { user: { username: payload.sub ?? '?', role: payload.role ?? '?' }, expiresAt };
  } catch {
    return { user: { username: '?', role: '?' } };
  }
}

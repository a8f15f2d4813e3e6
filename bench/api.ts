// The few API calls that prepare and check a benchmark run (members, tokens, the
// reading-room date, stock afterwards). Plain fetch: the load itself is autocannon's.

export interface Member {
  username: string;
  password: string;
  token: string;
}

export class ApiError extends Error {}

export async function call<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok) throw new ApiError(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(gateway: string, username: string, password: string): Promise<string> {
  const answer = await call<{ token: string }>(gateway, 'POST', '/api/login', undefined, { username, password });
  return answer.token;
}

/** Registers and logs in `count` members, two at a time: each costs an argon2 hash. */
export async function registerMembers(gateway: string, count: number, prefix = 'bench'): Promise<Member[]> {
  const members: Member[] = [];
  const one = async (i: number) => {
    const username = `${prefix}-${String(i).padStart(3, '0')}`;
    const password = `pw-${username}-long-enough`;
    await call(gateway, 'POST', '/api/register', undefined, { username, password, name: `Bench Member ${i}`, email: `${username}@bench.example` });
    members[i] = { username, password, token: await login(gateway, username, password) };
  };
  for (let i = 0; i < count; i += 2) await Promise.all([one(i), ...(i + 1 < count ? [one(i + 1)] : [])]);
  return members;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A request the load generator sent before it stopped may still land: give it time. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Ignores a 404/409: the item was closed meanwhile by a request still in flight. */
async function closing(step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (!(error instanceof ApiError && /: (404|409) /.test(error.message))) throw error;
  }
}

/** Returns every active loan of a member, so a later run starts with none left over. */
export async function returnOpenLoans(gateway: string, member: Member): Promise<void> {
  await settle();
  const page = await call<Page<{ id: string }>>(gateway, 'GET', '/api/loans?status=active&limit=100', member.token);
  for (const loan of page.items) await closing(call(gateway, 'POST', `/api/loans/${loan.id}/return`, member.token));
}

/** Cancels a member's reservations on one date (one is allowed per member and date). */
export async function cancelReservations(gateway: string, member: Member, date: string): Promise<void> {
  await settle();
  const page = await call<Page<{ id: string }>>(gateway, 'GET', `/api/reservations?date=${date}&limit=100`, member.token);
  for (const r of page.items) await closing(call(gateway, 'DELETE', `/api/reservations/${r.id}`, member.token));
}

export async function stockOf(gateway: string, token: string, bookId: string): Promise<number> {
  const answer = await call<{ stock: number }>(gateway, 'GET', `/api/inventory/${bookId}`, token);
  return answer.stock;
}

/** A date (YYYY-MM-DD, UTC) `days` from today. */
export function dateAhead(days: number, now = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

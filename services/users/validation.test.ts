import assert from 'node:assert/strict';
import { snapshotFiles, type SendOptions } from '../../test/support/http.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

type Who = 'anonymous' | 'alice' | 'admin';
interface Case {
  name: string;
  method: string;
  route: string;
  who?: Who;
  send: SendOptions;
  status: number;
  type: string;
}

const good = { username: 'carol', password: 'carol-password', name: 'Carol', email: 'carol@example.org' };
const register = (name: string, json: unknown, status = 422, type = '/problems/validation-failed'): Case => ({
  name: `register: ${name}`, method: 'POST', route: '/register', send: { json }, status, type,
});
const login = (name: string, json: unknown): Case => ({
  name: `login: ${name}`, method: 'POST', route: '/login', send: { json }, status: 422, type: '/problems/validation-failed',
});
const patch = (name: string, json: unknown, who: Who = 'alice'): Case => ({
  name: `patch (${who}): ${name}`, method: 'PATCH', route: '/users/alice', who, send: { json }, status: 422, type: '/problems/validation-failed',
});
const raw = (method: string, route: string, who: Who, text: string, headers: Record<string, string>, status: number, type: string): Case => ({
  name: `${method} ${route}: ${type.replace('/problems/', '')}`, method, route, who, send: { raw: text, headers }, status, type,
});

const cases: Case[] = [
  register('a role slipped in', { ...good, role: 'librarian' }),
  register('an active flag slipped in', { ...good, active: false }),
  register('a hash slipped in', { ...good, passwordHash: '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA' }),
  register('username too short', { ...good, username: 'ab' }),
  register('username too long', { ...good, username: 'a'.repeat(33) }),
  register('username in capitals', { ...good, username: 'Carol' }),
  register('username with a space', { ...good, username: 'car ol' }),
  register('username a number', { ...good, username: 12345 }),
  register('password of 9 characters', { ...good, password: 'ninechars' }),
  register('password over 256 characters', { ...good, password: 'p'.repeat(257) }),
  register('password all blanks', { ...good, password: ' '.repeat(12) }),
  register('password a number', { ...good, password: 12345678901 }),
  register('empty name', { ...good, name: '' }),
  register('blank name', { ...good, name: '   ' }),
  register('null name', { ...good, name: null }),
  register('missing email', { username: 'carol', password: 'carol-password', name: 'Carol' }),
  register('email without @', { ...good, email: 'carol.example.org' }),
  register('empty email', { ...good, email: '' }),
  register('an array for a body', [good]),
  register('a string for a body', 'carol'),
  raw('POST', '/register', 'anonymous', '{"username": "carol", ', {}, 400, '/problems/malformed-json'),
  raw('POST', '/register', 'anonymous', JSON.stringify(good), { 'content-type': 'text/plain' }, 415, '/problems/unsupported-media-type'),
  raw('POST', '/register', 'anonymous', JSON.stringify({ ...good, name: 'x'.repeat(70 * 1024) }), {}, 413, '/problems/body-too-large'),
  { name: 'register: no body at all', method: 'POST', route: '/register', send: {}, status: 400, type: '/problems/missing-body' },
  login('unknown field', { username: 'alice', password: 'alice-secret-pw', remember: true }),
  login('missing password', { username: 'alice' }),
  login('password a number', { username: 'alice', password: 1234567890 }),
  login('empty username', { username: '', password: 'alice-secret-pw' }),
  raw('POST', '/login', 'anonymous', 'username=alice&password=x', { 'content-type': 'application/x-www-form-urlencoded' }, 415, '/problems/unsupported-media-type'),
  patch('nothing to change', {}),
  patch('a username change', { username: 'alicia' }),
  patch('a hash', { passwordHash: 'x' }),
  patch('createdAt', { createdAt: '2020-01-01T00:00:00.000Z' }),
  patch('empty name', { name: '' }),
  patch('bad email', { email: 'nope' }),
  patch('short password', { password: 'short' }),
  patch('active as a string', { active: 'yes' }, 'admin'),
  patch('an unknown role', { role: 'owner' }, 'admin'),
  patch('a null role', { role: null }, 'admin'),
  raw('PATCH', '/users/alice', 'alice', '{"name": ', {}, 400, '/problems/malformed-json'),
  raw('PATCH', '/users/alice', 'alice', '{"name":"Alice"}', { 'content-type': 'text/csv' }, 415, '/problems/unsupported-media-type'),
  raw('PATCH', '/users/alice', 'alice', JSON.stringify({ name: 'y'.repeat(65 * 1024) }), {}, 413, '/problems/body-too-large'),
];

describe('users request validation', () => {
  let users: UsersUnderTest;
  const tokens: Record<Who, string | undefined> = { anonymous: undefined, alice: undefined, admin: undefined };
  before(async () => {
    users = await startUsers();
    tokens.alice = await users.member('alice');
    tokens.admin = (await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    await users.store.flush();
  });
  after(() => users.close());

  for (const c of cases) {
    it(`refuses ${c.name} with ${c.status} ${c.type} and writes nothing`, async () => {
      const before = snapshotFiles(users.dataDir);
      const reply = await users.call(c.method, c.route, { ...c.send, token: tokens[c.who ?? 'anonymous'] });
      assert.equal(reply.status, c.status, JSON.stringify(reply.body));
      assert.equal(reply.body.type, c.type);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
      await users.store.flush();
      assert.deepEqual(snapshotFiles(users.dataDir), before);
    });
  }

  it('still has exactly the accounts it started with', () => {
    assert.deepEqual([...users.store.values('users')].map((u) => u.username).sort(), ['admin', 'alice']);
    assert.equal(users.store.get('users', 'alice')!.name, 'Name of alice');
  });
});

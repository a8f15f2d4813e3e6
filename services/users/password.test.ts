import assert from 'node:assert/strict';
import { hashPassword, isWeakerThanCurrent, verifyAgainstDummy, verifyPassword } from './password.js';

describe('hashPassword()', () => {
  it('makes a salted argon2id hash with m=19456, t=2, p=1 that verifies only the same password', async () => {
    const one = await hashPassword('correct horse battery');
    const two = await hashPassword('correct horse battery');
    assert.match(one, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.notEqual(one, two);
    assert.equal(await verifyPassword(one, 'correct horse battery'), true);
    assert.equal(await verifyPassword(one, 'correct horse batterY'), false);
  });

  it('treats an unreadable stored hash as a wrong password, not a crash', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'anything-at-all'), false);
  });

  // Unknown users are checked against a dummy hash made by hashPassword() itself, so the
  // work is the same by construction; timing is not asserted here (tests do not time).
  it('answers false for unknown users after a real verification against the dummy hash', async () => {
    assert.equal(await verifyAgainstDummy('wrong guess here'), false);
  });
});

describe('isWeakerThanCurrent()', () => {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
  const tail = `${salt}$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g`;
  const table: [string, string, boolean][] = [
    ['the current parameters', `$argon2id$v=19$m=19456,t=2,p=1$${tail}`, false],
    ['more memory and time', `$argon2id$v=19$m=65536,t=3,p=4$${tail}`, false],
    ['less memory', `$argon2id$v=19$m=4096,t=2,p=1$${tail}`, true],
    ['fewer passes', `$argon2id$v=19$m=19456,t=1,p=1$${tail}`, true],
    ['argon2i', `$argon2i$v=19$m=19456,t=2,p=1$${tail}`, true],
    ['an older version', `$argon2id$v=16$m=19456,t=2,p=1$${tail}`, true],
    ['not argon2 at all', `$2b$12$abcdefghijklmnopqrstuv`, true],
  ];
  for (const [what, stored, weaker] of table) {
    it(`says ${weaker} for ${what}`, () => assert.equal(isWeakerThanCurrent(stored), weaker));
  }
});

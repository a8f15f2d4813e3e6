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

  it('spends the time of a real verification on unknown users', async () => {
    const real = await hashPassword('some password here');
    await verifyAgainstDummy('warm-up guess'); // the dummy hash is made on first use
    // The fastest of a few runs, so that a busy machine cannot fake a difference.
    const fastest = async (run: () => Promise<boolean>) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        assert.equal(await run(), false);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const known = await fastest(() => verifyPassword(real, 'wrong guess here'));
    const unknown = await fastest(() => verifyAgainstDummy('wrong guess here'));
    assert.ok(unknown > known / 2 && known > 1, `unknown user took ${unknown} ms, known ${known} ms`);
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

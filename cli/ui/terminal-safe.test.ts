import assert from 'node:assert/strict';
import { inertJson, terminalSafe, terminalSafeData } from './terminal-safe.js';

describe('terminalSafe()', () => {
  const cases: [string, string, string][] = [
    ['an OSC title change and a screen clear', 'Eve\u001b]0;PWNED\u0007\u001b[2J Smith', 'Eve Smith'],
    ['an OSC ended by ST', 'a\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\b', 'alinkb'],
    ['a colour (CSI) sequence', '\u001b[31mred\u001b[0m', 'red'],
    ['C1 CSI and OSC', 'x\u009b2Jy\u009d0;t\u009cz', 'xyz'],
    ['a bare ESC and two-character escapes', 'a\u001bcb\u001b', 'ab'],
    ['other C0 controls, DEL and C1', 'a\u0000b\u0008c\u007fd\u0085e', 'abcde'],
    ['line breaks and tabs (a forged line)', 'Ann\n\rlibrary: Done\tok', 'Ann library: Done ok'],
    ['bidi overrides and isolates', 'invoice\u202Egpj.exe\u2066x\u2069\u200F', 'invoicegpj.exex'],
  ];
  for (const [what, input, output] of cases) {
    it(`removes ${what}`, () => assert.equal(terminalSafe(input), output));
  }

  it('keeps ordinary text, accents and emoji', () => assert.equal(terminalSafe('Zoë — 📚 Привет'), 'Zoë — 📚 Привет'));

  it('cleans every string of a result, keys too, and leaves other values alone', () => {
    const data = { items: [{ name: '\u001b[2JAnn', active: true, n: 3 }], '\u0007k': null };
    assert.deepEqual(terminalSafeData(data), { items: [{ name: 'Ann', active: true, n: 3 }], k: null });
  });

  it('escapes C1 and bidi characters in JSON, keeping the same data', () => {
    const json = JSON.stringify({ name: 'a\u009b2J\u202Eb\u001b' });
    const inert = inertJson(json);
    assert.doesNotMatch(inert, /[\u0000-\u001f\u007f-\u009f\u202e]/);
    assert.deepEqual(JSON.parse(inert), JSON.parse(json));
  });
});

import assert from 'node:assert/strict';
import { endOfLastRow } from './csv-log.js';

/** The rule read character by character: a newline outside quotes ends a row. */
function naive(text: string): number {
  let quoted = false;
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n' && !quoted) end = i + 1;
  }
  return end;
}

describe('endOfLastRow()', () => {
  it('finds the end of the last whole row, quotes and newlines inside them included', () => {
    assert.equal(endOfLastRow('a,b\n1,"x\ny"\n2,"torn\n'), 12);
    assert.equal(endOfLastRow('a,b\n1,2'), 4);
    assert.equal(endOfLastRow(''), 0);
    assert.equal(endOfLastRow('\n'), 1);
    assert.equal(endOfLastRow('"\n"\n""\n'), 7);
    // In bytes for a Buffer: é is two (as text the answer is 4).
    assert.equal(endOfLastRow(Buffer.from('a,é\n1,"é\n')), 5);
    assert.equal(endOfLastRow('a,é\n1,"é\n'), 4);
  });

  it('agrees with a character-by-character reading on random text', () => {
    const alphabet = ['a', ',', '"', '\n'];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(Math.random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
      assert.equal(endOfLastRow(text), naive(text), JSON.stringify(text));
      assert.equal(endOfLastRow(Buffer.from(text)), naive(text), `as bytes: ${JSON.stringify(text)}`);
    }
  });
});

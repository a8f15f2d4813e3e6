import assert from 'node:assert/strict';
import { constants, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { AppendFile } from './append-file.js';

/** The open flags of this process's descriptor of `file`, as the kernel reports them. */
function openFlags(file: string): number {
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile (readdir's own descriptor)
    }
    if (target !== file) continue;
    const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1];
    return parseInt(flags, 8);
  }
  throw new Error(`${file} is not open`);
}

describe('AppendFile', () => {
  it('opens its file for synchronous appends, so one write per flush is durable on return', async () => {
    const file = path.join(tempDataDir('append-file-'), 'x.journal');
    const sink = await AppendFile.open(file, 'journal');
    try {
      const flags = openFlags(file);
      assert.equal(flags & constants.O_DSYNC, constants.O_DSYNC, `flags ${flags.toString(8)}: no O_DSYNC`);
      assert.equal(flags & constants.O_APPEND, constants.O_APPEND);
      await sink.write('one\n');
      await sink.write('');
      await sink.write('two\n');
      assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
      assert.equal(sink.goodLength, 8);
    } finally {
      await sink.close();
    }
  });
});

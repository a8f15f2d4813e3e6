// The only ways this project puts bytes on disk. Each one survives `kill -9` (and
// power loss) at any moment: a whole file is replaced by writing a temporary file,
// fsyncing it, renaming it over the old one and fsyncing the folder; an append is
// fsynced before anyone is told it happened.
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FILE_MODE } from './modes.js';

let tempCounter = 0;

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `data` atomically and durably. */
export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  const handle = await open(temp, 'w', FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    // close() twice is harmless: the second one rejects and is ignored
    await handle.close().catch(() => {});
  }
  await rename(temp, file);
  await fsyncDir(path.dirname(file));
}

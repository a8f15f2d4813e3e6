// The snapshot half of the store, as a lowdb adapter: written durably (temp file, fsync,
// rename, folder fsync), and a file that fails to parse is an error naming it, never
// replaced with defaults.
import { readFile } from 'node:fs/promises';
import { writeFileDurable } from './durable-file.js';

export class StoreCorrupt extends Error {}

/** lowdb adapter that writes the snapshot durably and refuses to guess at a broken file. */
export class DurableJsonFile<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new StoreCorrupt(`${this.file} is not valid JSON: ${(error as Error).message}`);
    }
    // lowdb reads null as "no file" and starts from defaults: a file holding null is not that.
    if (data === null) throw new StoreCorrupt(`${this.file} holds null, not what the service wrote`);
    return data as T;
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.file, JSON.stringify(data));
  }
}

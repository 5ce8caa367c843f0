/**
 * A cache file of sealed records by key: one header line (the tool's hash),
 * then one line per key: the key, a tab, and its record sealed with a
 * checksum of itself, its key and the tool's hash (so a line appended by
 * another version of the tool is not taken for this one's). Records stay as text until asked for, and
 * unchanged ones are written back as they were read, so a run that changes
 * one record does not re-serialize the other thousands: a few changed
 * records are appended, and a later line of a key wins over an earlier one;
 * the file is written anew when keys are gone or old lines outnumber the
 * live ones. A file written by another tool, or a record that is not whole
 * (a torn append), reads as missing.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { seal, unseal, writeAtomically } from './files.js';

export class SealedLines {
  private readonly lines = new Map<string, string>();
  /** The records already read and found whole, by key. */
  private readonly unsealed = new Map<string, string>();
  /** Keys set since the file was read or written. */
  private readonly changed = new Set<string>();
  /** Lines in the file as read (a key's replaced lines included); 0 when there was no file of ours. */
  private rowsInFile = 0;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly tool: string,
  ) {
    if (!existsSync(file)) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // an unreadable cache is an empty one
    }
    const rows = text.split('\n');
    if (rows[0] !== tool) return;
    this.rowsInFile = rows.length - 1;
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i]!;
      const tab = row.indexOf('\t');
      if (tab > 0) this.lines.set(row.slice(0, tab), row.slice(tab + 1));
    }
  }

  /** The record of `key`, or null when there is none or it is not whole and as written (checked once per line: a long-lived reader, the language server, asks again on every keystroke). */
  get(key: string): string | null {
    const known = this.unsealed.get(key);
    if (known !== undefined) return known;
    const line = this.lines.get(key);
    const record = line === undefined ? null : unseal(line, `${this.tool}\t${key}`);
    if (record !== null) this.unsealed.set(key, record);
    return record;
  }

  /** Remember `record` under `key` (a key holding a tab or a line break cannot be a line's key, and is not kept). */
  set(key: string, record: string): void {
    if (/[\t\n]/.test(key)) return;
    this.lines.set(key, seal(record, `${this.tool}\t${key}`));
    this.unsealed.set(key, record);
    this.changed.add(key);
  }

  /** Forget the records of keys not in `present`, and write the file if anything changed. */
  save(present: Iterable<string>): void {
    const keep = new Set(present);
    for (const key of this.lines.keys()) {
      if (!keep.has(key)) {
        this.lines.delete(key);
        this.unsealed.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty && this.changed.size === 0) return;
    if (!this.dirty && this.rowsInFile > 0 && this.rowsInFile + this.changed.size <= 2 * this.lines.size && this.append()) return;
    const rows = [this.tool];
    for (const [key, line] of this.lines) rows.push(`${key}\t${line}`);
    writeAtomically(this.file, rows.join('\n'));
    this.rowsInFile = this.lines.size;
    this.changed.clear();
    this.dirty = false;
  }

  /** Append the changed records to the file; false when it cannot be (the file is rewritten instead). */
  private append(): boolean {
    let rows = '';
    for (const key of this.changed) rows += `\n${key}\t${this.lines.get(key)}`;
    try {
      appendFileSync(this.file, rows);
    } catch {
      return false;
    }
    this.rowsInFile += this.changed.size;
    this.changed.clear();
    return true;
  }
}

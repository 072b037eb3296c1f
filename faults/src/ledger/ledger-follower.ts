import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEntry } from './ledger-entry.js';

/** Reads a ledger directory as it grows: each poll() returns only the complete lines written since. */
export class LedgerFollower {
  readonly entries: LedgerEntry[] = [];
  private readonly offsets = new Map<string, number>();
  private readonly partial = new Map<string, string>();

  constructor(private readonly dir: string) {}

  poll(): LedgerEntry[] {
    const fresh: LedgerEntry[] = [];
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.jsonl'))) {
      const path = join(this.dir, file);
      const from = this.offsets.get(file) ?? 0;
      const size = statSync(path).size;
      if (size <= from) continue;
      const buffer = Buffer.alloc(size - from);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, from);
      } finally {
        closeSync(fd);
      }
      this.offsets.set(file, size);
      const text = (this.partial.get(file) ?? '') + buffer.toString('utf8');
      const lines = text.split('\n');
      this.partial.set(file, lines.pop() ?? '');
      for (const line of lines) if (line !== '') fresh.push(JSON.parse(line) as LedgerEntry);
    }
    this.entries.push(...fresh);
    return fresh;
  }
}

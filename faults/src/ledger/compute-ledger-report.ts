import type { LedgerEntry } from './ledger-entry.js';

export interface LedgerReport {
  /** Ids whose enqueue promise resolved. */
  readonly enqueued: number;
  /** Ids processed (a `done` line) at least once. */
  readonly processed: number;
  /** Ids in the dead-letter store at the end. */
  readonly deadLettered: number;
  /** Acknowledged enqueues neither processed nor dead-lettered. */
  readonly lost: string[];
  /** Ids processed more than once. */
  readonly dups: string[];
  /** Ids whose enqueue rejected or timed out and never resolved: may go either way, only counted. */
  readonly indeterminate: number;
}

/** The lost / dups / indeterminate, from ledger lines and the final dead-letter ids. */
export function computeLedgerReport(entries: readonly LedgerEntry[], deadLetterIds: Iterable<string> = []): LedgerReport {
  const enqueued = new Set<string>();
  const failed = new Set<string>();
  const doneCount = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind === 'enqueued') enqueued.add(entry.id);
    else if (entry.kind === 'enqueueFailed') failed.add(entry.id);
    else if (entry.kind === 'done') doneCount.set(entry.id, (doneCount.get(entry.id) ?? 0) + 1);
  }
  const dead = new Set(deadLetterIds);
  const lost = [...enqueued].filter((id) => !doneCount.has(id) && !dead.has(id));
  const dups = [...doneCount].filter(([, n]) => n > 1).map(([id]) => id);
  const indeterminate = [...failed].filter((id) => !enqueued.has(id)).length;
  return { enqueued: enqueued.size, processed: doneCount.size, deadLettered: dead.size, lost, dups, indeterminate };
}

/** One line for the log: the numbers the closing note reports. */
export function formatLedgerReport(name: string, report: LedgerReport, extra: Record<string, unknown> = {}): string {
  const { enqueued, processed, deadLettered, indeterminate } = report;
  return `[faults] ${name}: ${JSON.stringify({ enqueued, processed, deadLettered, lost: report.lost.length, dups: report.dups.length, indeterminate, ...extra })}`;
}

import type { LedgerEntry } from '../ledger/ledger-entry.js';

export interface TerminalReport {
  /** Ids acknowledged (completed) exactly once and not dead. */
  readonly completed: number;
  readonly dead: number;
  /** Ids with no terminal state. */
  readonly none: string[];
  /** Ids acknowledged twice, or both acknowledged and dead. */
  readonly several: string[];
}

/** Each id must end in exactly one terminal state: one successful ack, or the dead-letter store. */
export function terminalStates(ids: Iterable<string>, entries: readonly LedgerEntry[], deadIds: ReadonlySet<string>): TerminalReport {
  const acks = new Map<string, number>();
  for (const e of entries) if (e.kind === 'acked') acks.set(e.id, (acks.get(e.id) ?? 0) + 1);
  const none: string[] = [];
  const several: string[] = [];
  let completed = 0;
  let dead = 0;
  for (const id of ids) {
    const states = (acks.get(id) ?? 0) + (deadIds.has(id) ? 1 : 0);
    if (states === 0) none.push(id);
    else if (states > 1) several.push(id);
    else if (deadIds.has(id)) dead++;
    else completed++;
  }
  return { completed, dead, none, several };
}

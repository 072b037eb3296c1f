import type { LedgerEntry } from '../ledger/ledger-entry.js';

export interface LatenessReport {
  readonly messages: number;
  /** Messages that started before serverAt + delayMs (by the store's clock). */
  readonly early: { id: string; ms: number }[];
  readonly maxLatenessMs: number;
  readonly meanLatenessMs: number;
}

/**
 * Lateness of delayed messages: first `start` minus (store time read before the enqueue + delay),
 * for the enqueues written by `producerPid`. Consumers run on the store's host, so their clock is its clock.
 */
export function delayLateness(entries: readonly LedgerEntry[], producerPid: number): LatenessReport {
  const firstStart = new Map<string, number>();
  for (const e of entries) if (e.kind === 'start' && !firstStart.has(e.id)) firstStart.set(e.id, e.at);
  const early: { id: string; ms: number }[] = [];
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (const e of entries) {
    if (e.kind !== 'enqueued' || e.pid !== producerPid || e.serverAt === undefined) continue;
    const started = firstStart.get(e.id);
    if (started === undefined) continue;
    const lateness = started - (e.serverAt + (e.delayMs ?? 0));
    if (lateness < 0) early.push({ id: e.id, ms: lateness });
    max = Math.max(max, lateness);
    sum += lateness;
    n++;
  }
  return { messages: n, early, maxLatenessMs: max, meanLatenessMs: n === 0 ? 0 : Math.round(sum / n) };
}

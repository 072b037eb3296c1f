import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { KillRecord } from '../process/consumer-pool.js';

export interface OrphanReport {
  /** Messages a killed consumer had started and not seen acknowledged. */
  readonly orphans: number;
  /** Orphans started again (or dead-lettered) after the kill. */
  readonly redelivered: number;
  /** Orphans never redelivered whose handler had finished: their ack may have reached the store just before the kill. */
  readonly ackedAtDeath: number;
  readonly maxRedeliveryMs: number;
  /** Orphans redelivered later than the bound, with the time. */
  readonly late: { id: string; ms: number }[];
  /** Orphans whose handler had not finished and that never came back. */
  readonly missing: string[];
}

/**
 * For every kill: which messages the dead consumer held, and how long until each was delivered
 * again (a later `start`, or its dead-lettering at `deadAt`, e.g. a poison message out of attempts).
 */
export function analyzeOrphans(
  entries: readonly LedgerEntry[],
  kills: readonly KillRecord[],
  boundMs: number,
  deadAt: ReadonlyMap<string, number> = new Map(),
): OrphanReport {
  const byId = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    const list = byId.get(entry.id) ?? [];
    list.push(entry);
    byId.set(entry.id, list);
  }
  let orphans = 0;
  let redelivered = 0;
  let ackedAtDeath = 0;
  let maxRedeliveryMs = 0;
  const late: { id: string; ms: number }[] = [];
  const missing: string[] = [];
  for (const kill of kills) {
    const heldIds = new Set(entries.filter((e) => e.pid === kill.pid && e.kind === 'start').map((e) => e.id));
    for (const id of heldIds) {
      const lines = byId.get(id) ?? [];
      const mine = lines.filter((e) => e.pid === kill.pid);
      const lastStart = Math.max(...mine.filter((e) => e.kind === 'start').map((e) => e.attempt));
      if (mine.some((e) => (e.kind === 'acked' || e.kind === 'leaseLost' || e.kind === 'deadLetter') && e.attempt >= lastStart)) continue;
      if (mine.some((e) => e.kind === 'fail' && e.attempt === lastStart)) continue;
      orphans++;
      const again = lines.find((e) => e.kind === 'start' && e.attempt > lastStart && e.at >= kill.at - 1);
      const at = again?.at ?? deadAt.get(id);
      if (at !== undefined) {
        redelivered++;
        const ms = Math.max(0, at - kill.at);
        maxRedeliveryMs = Math.max(maxRedeliveryMs, ms);
        if (ms > boundMs) late.push({ id, ms });
      } else if (mine.some((e) => e.kind === 'done' && e.attempt === lastStart)) {
        ackedAtDeath++;
      } else {
        missing.push(id);
      }
    }
  }
  return { orphans, redelivered, ackedAtDeath, maxRedeliveryMs, late, missing };
}

import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { KillRecord } from '../process/consumer-pool.js';

/** How the processes that took the poison message ended, and any process that died on its own without taking it. */
export interface PoisonTakerDeaths {
  /** Processes that started the poison message and then died (on their own, or by the test's kill when it came first). */
  readonly takersDead: number;
  /** Processes that started the poison message and are still alive (must be none). */
  readonly takersAlive: readonly number[];
  /** Processes that died on their own without having started the poison message (must be none). */
  readonly otherSelfDeaths: readonly number[];
}

/**
 * The poison message kills whoever takes it, but the test's own kill of a random consumer can land
 * between the poison's start and that self-kill: the pool then counts the death as the test's. So
 * "3 self-kills" is a race; what holds is that every taker died and nobody else died by itself.
 */
export function poisonTakerDeaths(entries: readonly LedgerEntry[], kills: readonly KillRecord[], poisonId: string): PoisonTakerDeaths {
  const takers = new Set(entries.filter((e) => e.id === poisonId && e.kind === 'start').map((e) => e.pid));
  const dead = new Set(kills.map((k) => k.pid));
  return {
    takersDead: [...takers].filter((pid) => dead.has(pid)).length,
    takersAlive: [...takers].filter((pid) => !dead.has(pid)),
    otherSelfDeaths: kills.filter((k) => k.cause === 'self' && !takers.has(k.pid)).map((k) => k.pid),
  };
}

import type { QueueKeys } from './queue-keys.js';

/** A key of a queue as scripts take it in KEYS; 'ready' and 'rings' stand for ten keys each (priority 1..10). */
export type KeyName = 'records' | 'delayed' | 'leases' | 'ready' | 'dead' | 'deadOrder' | 'counters' | 'dedup' | 'dedupExpiry' | 'groupOf' | 'groupCounts' | 'rings' | 'window';

/**
 * Each script's KEYS, in the order its header lists them (src/lua/*.lua; script-keys.test.ts reads
 * every header and checks the typed calls against it). ackTake is take's KEYS, then ack's that
 * take lacks (ack-take-source.ts picks ack's own from these by name).
 */
export const SCRIPT_KEYS = {
  enqueue: ['records', 'dead', 'delayed', 'leases', 'counters', 'ready', 'window'],
  enqueueKeyed: ['records', 'dead', 'delayed', 'leases', 'counters', 'dedup', 'dedupExpiry', 'ready', 'window'],
  enqueueGrouped: ['records', 'dead', 'delayed', 'leases', 'counters', 'ready', 'groupOf', 'groupCounts', 'rings', 'window'],
  take: ['records', 'delayed', 'leases', 'ready', 'groupOf', 'groupCounts', 'rings', 'counters'],
  ack: ['records', 'leases', 'counters', 'dedup', 'groupOf', 'groupCounts', 'window', 'delayed'],
  ackTake: ['records', 'delayed', 'leases', 'ready', 'groupOf', 'groupCounts', 'rings', 'counters', 'dedup', 'window'],
  release: ['records', 'delayed', 'leases', 'counters', 'ready', 'groupOf', 'groupCounts', 'rings'],
  deadLetter: ['records', 'leases', 'dead', 'deadOrder', 'counters', 'dedup', 'groupOf', 'groupCounts', 'delayed'],
  checkWork: ['delayed', 'leases', 'ready', 'groupCounts', 'rings', 'counters'],
  count: ['ready', 'delayed', 'leases', 'deadOrder', 'counters', 'records', 'groupCounts'],
  countGroups: ['rings'],
  purge: ['records', 'delayed', 'leases', 'ready', 'dedup', 'dedupExpiry', 'dead', 'groupOf', 'groupCounts', 'rings', 'window'],
  deleteQueue: ['records', 'delayed', 'leases', 'dead', 'deadOrder', 'counters', 'ready', 'dedup', 'dedupExpiry', 'groupOf', 'groupCounts', 'rings', 'window'],
  listDeadLetters: ['dead', 'deadOrder'],
  replayDeadLetters: ['records', 'dead', 'deadOrder', 'ready', 'dedup', 'dedupExpiry', 'groupOf', 'groupCounts', 'rings'],
  purgeDeadLetters: ['dead', 'deadOrder', 'dedup', 'groupOf', 'window'],
  scanRecords: ['records', 'delayed', 'leases', 'dead'],
  rewriteRecord: ['records', 'leases', 'dead'],
  getRecord: ['records', 'delayed', 'leases', 'dead'],
  deleteRecords: ['records', 'delayed', 'leases', 'ready', 'dead', 'deadOrder', 'dedup', 'groupOf', 'groupCounts', 'rings', 'window'],
  promoteRecords: ['records', 'delayed', 'ready', 'dead', 'groupOf', 'groupCounts', 'rings'],
  setPriority: ['records', 'delayed', 'leases', 'ready', 'dead', 'groupOf', 'groupCounts', 'rings'],
  setPaused: ['counters'],
  declareQueue: ['counters'],
  peekReady: ['delayed', 'leases', 'ready', 'rings', 'counters'],
} as const satisfies Record<string, readonly KeyName[]>;

export type ScriptName = keyof typeof SCRIPT_KEYS;

/** One queue as its scripts see it: its keys, and every script's KEYS array, built once per queue. */
export interface ScriptQueue {
  readonly keys: QueueKeys;
  readonly keysOf: { readonly [S in ScriptName]: readonly string[] };
  /** Its idempotency window (ms; 0 = off), as doSetIdempotencyWindow last set it; passed in the ARGV of the scripts that read or write the window hash. */
  windowMs: number;
}

/** The 1-based position of each key in `script`'s KEYS, in order; the ready lists as ready:1 .. ready:10, the rings as rings:1 .. rings:10. */
export function keyPositions(script: ScriptName): Map<string, number> {
  const positions = new Map<string, number>();
  for (const name of SCRIPT_KEYS[script]) {
    if (name === 'ready' || name === 'rings') for (let p = 1; p <= 10; p++) positions.set(`${name}:${p}`, positions.size + 1);
    else positions.set(name, positions.size + 1);
  }
  return positions;
}

function keysFor(keys: QueueKeys, names: readonly KeyName[]): readonly string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name === 'ready' || name === 'rings') out.push(...keys[name]);
    else out.push(keys[name]);
  }
  return out;
}

/** Builds every script's KEYS for one queue (once, at the queue's first use: calls then build none). */
export function scriptQueue(keys: QueueKeys): ScriptQueue {
  const keysOf = {} as Record<ScriptName, readonly string[]>;
  for (const script of Object.keys(SCRIPT_KEYS) as ScriptName[]) keysOf[script] = keysFor(keys, SCRIPT_KEYS[script]);
  return { keys, keysOf, windowMs: 0 };
}

import { validateQueueName, ValidationError } from '@mq/core/provider';
import { partitionedQueueOf } from './partition-queue-name.js';

/**
 * The keys of one queue. All share the hash tag `{queueName}`, so every script touches one slot
 * and works unchanged on Redis Cluster; queue names cannot contain braces (validated first). Each
 * partition of a partitioned queue is a store queue with a tag of its own (`{queueName#n}`).
 */
export interface QueueKeys {
  /** Hash id -> record (every ready, delayed and leased record). */
  readonly records: string;
  /** Zset of delayed ids by due time. */
  readonly delayed: string;
  /** Zset of leased ids by lease expiry. */
  readonly leases: string;
  /** Ready lists by priority: index 0 is priority 1, index 9 is priority 10. */
  readonly ready: readonly string[];
  /** Hash id -> dead record. */
  readonly dead: string;
  /** Zset of dead ids in dead-letter order. */
  readonly deadOrder: string;
  /** Hash of counters: c completed, t processing ms, q and y sequences. */
  readonly counters: string;
  /** Hash of deduplication holds ('k' + key) and the specs of keyed records ('i' + id); lua/prelude.lua. */
  readonly dedup: string;
  /** Zset of deduplication keys by the end of their hold (ms). */
  readonly dedupExpiry: string;
  /** Hash id -> groupId of every stored or dead record that has a group (fair groups, docs/groups.md). */
  readonly groupOf: string;
  /** Hash of group counts: leases held per groupId, '#' grouped records ready, '!' a take passed a group over (lua/group-prelude.lua). */
  readonly groupCounts: string;
  /**
   * Turn orders (zsets of groupIds by turn) by priority: index 0 is priority 1. Each group's FIFO
   * list is named after its level's ring, `<ring>:<groupId>` (the one key name built in Lua).
   */
  readonly rings: readonly string[];
  /** Hash of the ids the queue's idempotency window remembers, in ring-slot buckets (lua/prelude-window.lua, rememberIds). */
  readonly window: string;
  /** Pub/sub channel that wakes idle consumers of this queue (not a key). */
  readonly wakeChannel: string;
}

const PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Checks a key prefix: 1–64 characters from A-Z a-z 0-9 _ . : - (no braces, so no hash tag). */
export function validateKeyPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Invalid Redis key prefix: use 1–64 characters from A-Z a-z 0-9 _ . : -', {
      field: 'prefix',
      allowed: PREFIX_PATTERN.source,
    });
  }
  return prefix;
}

/**
 * The keys of `queueName` under `prefix`, e.g. mq:{chat_messages}:r. Validates the name first: a
 * queue name, or a partition's store queue `<queue name>#<n>` (partition-queue-name.ts), whose
 * keys carry a hash tag of their own, e.g. mq:{chat_messages#2}:r.
 */
export function queueKeys(prefix: string, queueName: string): QueueKeys {
  validateQueueName(partitionedQueueOf(queueName) ?? queueName);
  const base = `${prefix}:{${queueName}}:`;
  return {
    records: `${base}r`,
    delayed: `${base}z`,
    leases: `${base}l`,
    ready: Array.from({ length: 10 }, (_, i) => `${base}p${i + 1}`),
    dead: `${base}x`,
    deadOrder: `${base}y`,
    counters: `${base}s`,
    dedup: `${base}k`,
    dedupExpiry: `${base}e`,
    groupOf: `${base}gm`,
    groupCounts: `${base}gf`,
    rings: Array.from({ length: 10 }, (_, i) => `${base}gr${i + 1}`),
    window: `${base}i`,
    wakeChannel: `${base}w`,
  };
}

/**
 * The method of a RedisProvider that answers a queue's keys, for @mq/redis/testing only (not part
 * of the provider's API). Symbol.for: the testing entry may be a separate bundle (CJS) of this package.
 */
export const QUEUE_KEYS_OF: unique symbol = Symbol.for('@mq/redis.queueKeysOf');

/** The set of every queue name used under `prefix` (for listQueues). */
export function registryKey(prefix: string): string {
  return `${prefix}:queues`;
}

/** The pub/sub channel that carries cross-instance events under `prefix`. */
export function eventsChannel(prefix: string): string {
  return `${prefix}:events`;
}

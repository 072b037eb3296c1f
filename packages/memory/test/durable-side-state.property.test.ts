import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '@mq/core';
import type { EnqueueRecord, TakenRecord } from '@mq/core/provider';
import { createInMemoryProvider, InMemoryProvider } from '@mq/memory';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { fullStateOf } from './support/durable-state.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-side-model-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;
const Q = 'q';
const LEASE_MS = 1000;
const WINDOW_MS = 2000;

type Command =
  | { kind: 'enqueue'; records: { id: number; key?: { k: number; mode: 'until-settled' | 'ttl' | 'debounce'; ttlMs?: number }; group?: number; delayMs: number; priority: number }[] }
  | { kind: 'take'; max: number; groupConcurrency?: number }
  | { kind: 'ack' | 'release' | 'dead'; pick: number }
  | { kind: 'replayDead' | 'purgeDead' | 'purge' | 'count' | 'restart' | 'delete' }
  | { kind: 'rewrite'; id: number }
  | { kind: 'adminDelete' | 'promote'; ids: number[] }
  | { kind: 'priority'; ids: number[]; priority: number }
  | { kind: 'pause'; paused: boolean }
  | { kind: 'advance'; ms: number };

// The ids of one call differ (the core refuses a call with the same id twice).
const record = fc.record(
  {
    id: fc.nat({ max: 11 }),
    key: fc.record({ k: fc.nat({ max: 2 }), mode: fc.constantFrom('until-settled' as const, 'ttl' as const, 'debounce' as const), ttlMs: fc.constantFrom(500, 1500) }, { requiredKeys: ['k', 'mode'] }),
    group: fc.nat({ max: 2 }),
    delayMs: fc.constantFrom(0, 0, 500),
    priority: fc.constantFrom(1, 5),
  },
  { requiredKeys: ['id', 'delayMs', 'priority'] },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('enqueue' as const), records: fc.uniqueArray(record, { selector: (r) => r.id, minLength: 1, maxLength: 2 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('take' as const), max: fc.integer({ min: 1, max: 3 }), groupConcurrency: fc.constant(1) }, { requiredKeys: ['kind', 'max'] }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('ack' as const, 'release' as const, 'dead' as const), pick: fc.nat({ max: 5 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('replayDead' as const, 'purgeDead' as const, 'purge' as const, 'count' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('restart' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('rewrite' as const), id: fc.nat({ max: 11 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const) }), weight: 1 },
  // The admin seams on keyed and grouped records: a delete releases keys, a promotion or priority change moves a record between groups' turns.
  { arbitrary: fc.record({ kind: fc.constantFrom('adminDelete' as const, 'promote' as const), ids: fc.uniqueArray(fc.nat({ max: 11 }), { minLength: 1, maxLength: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('priority' as const), ids: fc.uniqueArray(fc.nat({ max: 11 }), { minLength: 1, maxLength: 3 }), priority: fc.constantFrom(1, 5, 9) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pause' as const), paused: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(0, 1, 499, 500, 1001, 2300) }), weight: 3 },
);

function toRecords(c: Extract<Command, { kind: 'enqueue' }>): EnqueueRecord[] {
  return c.records.map((r) => ({
    id: `m${r.id}`,
    priority: r.priority,
    delayMs: r.delayMs,
    data: `d-m${r.id}`,
    ...(r.group === undefined ? {} : { groupId: `g${r.group}` }),
    ...(r.key === undefined ? {} : { deduplication: { key: `k${r.key.k}`, mode: r.key.mode, ...(r.key.ttlMs === undefined ? {} : { ttlMs: r.key.ttlMs }) } }),
  }));
}

const seen = (records: readonly TakenRecord[]): unknown => records.map(({ leaseToken: _, ...rest }) => rest);

// Deduplication keys, groups, the idempotency window, rewrites and the admin seams (delete, promote,
// priority, pause) on the durable provider, step by
// step against the plain provider (the reference: same clock, same calls, same answers), with
// restarts at the steps fast-check picks. A restart checks that the recovered state is the one the
// provider had, and drops the leases both hold (the old process's leases cannot be acked).
test('the durable provider answers as the plain one, with keys, groups, a window and admin actions, restarted anywhere', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { maxLength: 30 }), fc.constantFrom(300, 1 << 30), async (commands, compactAfterBytes) => {
      const clock = new ManualClock();
      const dir = path.join(root, `run-${next++}`);
      const plain = new InMemoryProvider({ clock });
      const openDurable = async (): Promise<InMemoryProvider> => {
        const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'none', compactAfterBytes } });
        await provider.doConnect();
        provider.doSetIdempotencyWindow(Q, WINDOW_MS);
        return provider;
      };
      plain.doSetIdempotencyWindow(Q, WINDOW_MS);
      let durable = await openDurable();
      let held: [TakenRecord, TakenRecord][] = [];
      const both = async <T>(call: (p: InMemoryProvider) => Promise<T>): Promise<T> => {
        const expected = await call(plain);
        const actual = await call(durable);
        expect(actual).toEqual(expected);
        return expected;
      };
      try {
        for (const [step, c] of commands.entries()) {
          switch (c.kind) {
            case 'enqueue':
              await both((p) => p.doEnqueue(Q, toRecords(c)));
              break;
            case 'take': {
              const options = { max: c.max, leaseMs: LEASE_MS, ...(c.groupConcurrency === undefined ? {} : { groupConcurrency: c.groupConcurrency }) };
              const expected = await plain.doTake(Q, options);
              const actual = await durable.doTake(Q, options);
              expect(seen(actual), `take at step ${step}`).toEqual(seen(expected));
              expected.forEach((r, i) => held.push([r, actual[i] as TakenRecord]));
              break;
            }
            case 'ack':
            case 'release':
            case 'dead': {
              const pair = held.splice(c.pick % Math.max(1, held.length), 1)[0];
              if (pair === undefined) break;
              const settle = (p: InMemoryProvider, lease: TakenRecord): Promise<boolean> =>
                c.kind === 'ack' ? p.doAck(Q, lease, 3) : c.kind === 'release' ? p.doRelease(Q, lease, { delayMs: 200, lastError: 'e' }) : p.doDeadLetter(Q, lease, 'boom');
              expect(await settle(durable, pair[1]), `${c.kind} at step ${step}`).toBe(await settle(plain, pair[0]));
              break;
            }
            case 'replayDead':
              await both((p) => p.doReplayDeadLetters(Q, undefined));
              break;
            case 'purgeDead':
              await both((p) => p.doPurgeDeadLetters(Q, undefined));
              break;
            case 'purge':
              held = [];
              await both((p) => p.doPurge(Q));
              break;
            case 'delete':
              held = [];
              await both((p) => p.doDeleteQueue(Q));
              break;
            case 'count':
              await both((p) => p.doCount(Q));
              break;
            case 'rewrite':
              await both((p) => p.doRewriteRecord(Q, `m${c.id}`, `d-m${c.id}`, `r-m${c.id}`));
              break;
            case 'adminDelete':
              await both((p) => p.doDeleteRecords(Q, c.ids.map((id) => `m${id}`)));
              break;
            case 'promote':
              await both((p) => p.doPromoteRecords(Q, c.ids.map((id) => `m${id}`)));
              break;
            case 'priority':
              await both((p) => p.doSetPriority(Q, c.ids.map((id) => `m${id}`), c.priority));
              break;
            case 'pause':
              await both((p) => p.doSetPaused(Q, c.paused));
              break;
            case 'advance':
              await clock.advance(c.ms);
              break;
            case 'restart': {
              await new Promise((resolve) => setImmediate(resolve));
              const before = fullStateOf(durable);
              await durable.doDisconnect();
              durable = await openDurable();
              expect(fullStateOf(durable), `state recovered at step ${step}`).toEqual(before);
              held = [];
              break;
            }
          }
        }
        // Everything left comes out in the same order, with the same data.
        await both((p) => p.doSetPaused(Q, false));
        await clock.advance(LEASE_MS + 2000);
        expect(seen(await durable.doTake(Q, { max: 100, leaseMs: LEASE_MS }))).toEqual(seen(await plain.doTake(Q, { max: 100, leaseMs: LEASE_MS })));
      } finally {
        await durable.doDisconnect();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 150 },
  );
}, 300_000);

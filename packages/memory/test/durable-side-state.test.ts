import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock, MessageQueue, type DeduplicatedEvent } from '@mq/core';
import type { EnqueueRecord, TakenRecord } from '@mq/core/provider';
import { createInMemoryProvider, type InMemoryProvider } from '@mq/memory';
import { afterAll, describe, expect, it } from 'vitest';
import { fullStateOf } from './support/durable-state.js';

// What the durable provider keeps beside its records survives a restart, replayed from the log
// ('log') or read from a snapshot ('snapshot': every flush compacts): deduplication keys, the
// idempotency window, groups, declared partitions, rewritten data. Each restart also checks that the
// recovered state equals the one the provider had (fullStateOf).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-side-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;
const Q = 'q';
const LEASE_MS = 1000;
const WINDOW_MS = 20_000;

type Mode = 'log' | 'snapshot';

interface Run {
  provider: InMemoryProvider;
  readonly dir: string;
  readonly clock: ManualClock;
  restart(): Promise<void>;
}

async function start(mode: Mode): Promise<Run> {
  const dir = path.join(root, `d${next++}`);
  const clock = new ManualClock();
  const open = async (): Promise<InMemoryProvider> => {
    const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'none', compactAfterBytes: mode === 'snapshot' ? 1 : 1 << 30 } });
    await provider.doConnect();
    // As the core does after connect().
    provider.doSetIdempotencyWindow(Q, WINDOW_MS);
    return provider;
  };
  const run: Run = {
    provider: await open(),
    dir,
    clock,
    restart: async () => {
      const before = fullStateOf(run.provider);
      await run.provider.doDisconnect();
      if (mode === 'snapshot') expect(fs.readdirSync(dir).some((f) => f.startsWith('snapshot-'))).toBe(true);
      run.provider = await open();
      expect(fullStateOf(run.provider)).toEqual(before);
    },
  };
  return run;
}

const rec = (id: string, extra: Partial<EnqueueRecord> = {}): EnqueueRecord => ({ id, priority: 5, delayMs: 0, data: `d-${id}`, ...extra });
const key = (mode: 'until-settled' | 'ttl' | 'debounce', ttlMs?: number): Pick<EnqueueRecord, 'deduplication'> => ({ deduplication: { key: 'k', mode, ...(ttlMs === undefined ? {} : { ttlMs }) } });
const take = (run: Run, max = 10, groupConcurrency?: number): Promise<TakenRecord[]> =>
  run.provider.doTake(Q, { max, leaseMs: LEASE_MS, ...(groupConcurrency === undefined ? {} : { groupConcurrency }) });
const ids = (records: readonly TakenRecord[]): string[] => records.map((r) => r.id);

describe.each<Mode>(['log', 'snapshot'])('durable in-memory provider, restarted (%s): what survives beside the records', (mode) => {
  it('a held deduplication key still drops a duplicate after a restart; the ack after it ends the hold', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a', key('until-settled'))]);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('b', key('until-settled'))])).toMatchObject({ deduplicated: [{ index: 0, existingId: 'a', replaced: false }] });
    const [a] = await take(run);
    await run.restart();
    // The lease of the process that is gone runs out; the record is redelivered, and its ack frees the key.
    await run.clock.advance(LEASE_MS + 1);
    const [again] = await take(run);
    expect([again?.id, again?.attempts]).toEqual([a?.id, 2]);
    await run.provider.doAck(Q, again as TakenRecord, 1);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('c', key('until-settled'))])).toEqual({ duplicateIds: [], deduplicated: [] });
    await run.provider.doDisconnect();
  });

  it('a ttl hold keeps its end across a restart', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a', key('ttl', 1000))]);
    await run.restart();
    await run.clock.advance(999);
    expect(await run.provider.doEnqueue(Q, [rec('b', key('ttl', 1000))])).toMatchObject({ deduplicated: [{ existingId: 'a' }] });
    await run.clock.advance(1);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('c', key('ttl', 1000))])).toEqual({ duplicateIds: [], deduplicated: [] });
    await run.provider.doDisconnect();
  });

  it('debounce replaces the waiting record it saw before the restart', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a', { ...key('debounce'), delayMs: 500 })]);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('b', { ...key('debounce'), delayMs: 500 })])).toMatchObject({ deduplicated: [{ existingId: 'a', replaced: true }] });
    await run.restart();
    await run.clock.advance(500);
    expect(ids(await take(run))).toEqual(['b']);
    await run.provider.doDisconnect();
  });

  it('debounce: a record held back behind an in-flight holder stays held back across a restart; the ack of the redelivered holder releases it (OP.UNPARK), also across a restart', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a', key('debounce', 60_000))]);
    await take(run);
    const dueAt = run.clock.now() + 5000;
    await run.provider.doEnqueue(Q, [rec('b', { ...key('debounce', 60_000), delayMs: 5000 })]);
    await run.restart();
    // The old lease runs out; a is redelivered, b still waits behind it.
    await run.clock.advance(LEASE_MS + 1);
    const [a] = await take(run);
    expect(a?.id).toBe('a');
    await run.restart();
    await run.clock.advance(LEASE_MS + 1);
    const [again] = await take(run);
    expect(again?.id).toBe('a');
    await run.provider.doAck(Q, again as TakenRecord, 1);
    await run.restart();
    // Due at its own time.
    await run.clock.advance(dueAt - 1 - run.clock.now());
    expect(ids(await take(run))).toEqual([]);
    await run.clock.advance(1);
    expect(ids(await take(run))).toEqual(['b']);
    await run.provider.doDisconnect();
  });

  it('a dead letter keeps its key for a replay: it stays dead while another record holds the key', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a', key('until-settled'))]);
    const [a] = await take(run);
    await run.provider.doDeadLetter(Q, a as TakenRecord, 'boom');
    await run.provider.doEnqueue(Q, [rec('b', key('until-settled'))]);
    await run.restart();
    expect(await run.provider.doReplayDeadLetters(Q, undefined)).toEqual([]);
    const [b] = await take(run);
    await run.provider.doAck(Q, b as TakenRecord, 1);
    await run.restart();
    expect(await run.provider.doReplayDeadLetters(Q, undefined)).toEqual(['a']);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('c', key('until-settled'))])).toMatchObject({ deduplicated: [{ existingId: 'a' }] });
    await run.provider.doDisconnect();
  });

  it('the idempotency window remembers acked and purged ids across a restart, for the window only', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a')]);
    await run.provider.doAck(Q, (await take(run))[0] as TakenRecord, 1);
    await run.provider.doEnqueue(Q, [rec('p')]);
    await run.provider.doPurge(Q);
    await run.restart();
    await run.clock.advance(WINDOW_MS - 1);
    const result = await run.provider.doEnqueue(Q, [rec('a'), rec('p'), rec('n')]);
    expect(result.deduplicated?.map((d) => [d.index, d.existingId, d.byId])).toEqual([
      [0, 'a', true],
      [1, 'p', true],
    ]);
    // After the window (at most window / 8 more) the ids are new again, restart or not.
    await run.clock.advance(WINDOW_MS / 8 + 2);
    await run.restart();
    expect(await run.provider.doEnqueue(Q, [rec('a'), rec('p')])).toEqual({ duplicateIds: [] });
    await run.provider.doDisconnect();
  });

  it('groups keep their records, turns and leases (groupConcurrency) across a restart', async () => {
    const run = await start(mode);
    await run.provider.doEnqueue(Q, [rec('a1', { groupId: 'A' }), rec('a2', { groupId: 'A' }), rec('a3', { groupId: 'A' }), rec('b1', { groupId: 'B' }), rec('u1'), rec('b2', { groupId: 'B' })]);
    expect(ids(await take(run, 1, 1))).toEqual(['a1']);
    await run.restart();
    // A's lease is held by the process that is gone: with one lease per group, A waits for it.
    expect(ids(await take(run, 10, 1))).toEqual(['b1', 'u1']);
    expect(await run.provider.doCountGroups?.(Q, 10)).toEqual([
      { groupId: 'A', waiting: 2 },
      { groupId: 'B', waiting: 1 },
    ]);
    await run.restart();
    await run.clock.advance(LEASE_MS + 1);
    expect(ids(await take(run, 10))).toEqual(['a1', 'b1', 'u1', 'a2', 'b2', 'a3']);
    await run.provider.doDisconnect();
  });

  it('declared partitions and rewritten data survive a restart', async () => {
    const run = await start(mode);
    expect(await run.provider.doDeclareQueue(Q, { partitions: 4 })).toEqual({ partitions: 4 });
    await run.provider.doEnqueue(Q, [rec('a')]);
    expect(await run.provider.doRewriteRecord(Q, 'a', 'd-a', new Uint8Array([7, 8]))).toBe(true);
    await run.restart();
    expect(await run.provider.doDeclareQueue(Q, { partitions: 2 })).toEqual({ partitions: 4 });
    expect((await take(run))[0]?.data).toEqual(new Uint8Array([7, 8]));
    await run.provider.doDisconnect();
  });
});

describe('durable in-memory provider: a torn tail after keyed records', () => {
  it('cuts the torn frame (its key is free) and keeps the keys of the whole ones', async () => {
    const run = await start('log');
    await run.provider.doEnqueue(Q, [rec('a', key('until-settled'))]);
    await run.provider.doEnqueue(Q, [rec('b', { deduplication: { key: 'k2', mode: 'until-settled' } })]);
    await run.provider.doDisconnect();
    const { dir } = run;
    const log = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.mql')) as string);
    // The last frame cut short, as a process killed mid-write leaves it.
    fs.truncateSync(log, fs.statSync(log).size - 5);
    const warnings: string[] = [];
    const provider = createInMemoryProvider({ clock: run.clock, persistence: { dir, durability: 'none', onWarning: (m) => warnings.push(m) } });
    await provider.doConnect();
    expect(warnings).toEqual([expect.stringMatching(/cut \d+ bytes/)]);
    expect(await provider.doEnqueue(Q, [rec('c', key('until-settled'))])).toMatchObject({ deduplicated: [{ existingId: 'a' }] });
    expect(await provider.doEnqueue(Q, [rec('b', { deduplication: { key: 'k2', mode: 'until-settled' } })])).toEqual({ duplicateIds: [], deduplicated: [] });
    await provider.doDisconnect();
  });
});

describe('durable in-memory provider under a MessageQueue: a restart between two enqueues', () => {
  it('a duplicate key and a remembered id are dropped after the restart, with the deduplicated event', async () => {
    const dir = path.join(root, `d${next++}`);
    const clock = new ManualClock();
    const open = async (): Promise<MessageQueue> => {
      const queue = new MessageQueue({ clock, idempotencyWindowMs: WINDOW_MS, provider: createInMemoryProvider({ clock, persistence: { dir, durability: 'fsync' } }) });
      await queue.connect();
      return queue;
    };
    const first = await open();
    await first.enqueue(Q, first.createMessage('t', 1, { id: 'keyed', deduplication: { key: 'order-1' } }));
    await first.enqueue(Q, first.createMessage('t', 2, { id: 'done' }));
    const keyed = await first.dequeue(Q);
    await first.nack(keyed as NonNullable<typeof keyed>, new Error('later'));
    const done = await first.dequeue(Q);
    expect(done?.id).toBe('done');
    await first.ack(done as NonNullable<typeof done>);
    await first.disconnect();

    const second = await open();
    const events: DeduplicatedEvent[] = [];
    second.on('deduplicated', (e) => events.push(e));
    expect(await second.enqueue(Q, second.createMessage('t', 3, { id: 'other', deduplication: { key: 'order-1' } }))).toBe('keyed');
    expect(await second.enqueue(Q, second.createMessage('t', 4, { id: 'done' }))).toBe('done');
    expect(events.map((e) => [e.mode, e.existingId])).toEqual([
      ['until-settled', 'keyed'],
      ['id', 'done'],
    ]);
    expect(await second.size(Q)).toBe(1);
    await second.disconnect();
  });
});

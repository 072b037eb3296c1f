import { ManualClock, MessageQueue } from '@mq/core';
import { afterAll, expect, it } from 'vitest';
import { redisQueueKeys } from '../src/testing.js';
import { rawClient, testProvider } from './support/test-redis.js';

/**
 * The idempotency window on Redis (docs/deduplication.md, lua/prelude.lua rememberIds): checked
 * through the back door, the window hash of the queue. The contract cases (idempotency-window-cases.ts)
 * check what enqueue answers; these check what is stored and for how long.
 */
const backDoor = rawClient();
afterAll(async () => void (await backDoor.quit()));

const WINDOW_MS = 20_000;
/** ceil(WINDOW_MS / 8): the width of one bucket. */
const WIDTH_MS = 2500;

async function openQueue(windowMs = WINDOW_MS): Promise<{ queue: MessageQueue; clock: ManualClock; window: string }> {
  const clock = new ManualClock();
  const provider = testProvider({ clock });
  const queue = new MessageQueue({ provider, clock, idempotencyWindowMs: windowMs });
  await queue.connect();
  return { queue, clock, window: redisQueueKeys(provider, 'q').window };
}

async function enqueueIds(queue: MessageQueue, ids: readonly string[]): Promise<void> {
  for (let from = 0; from < ids.length; from += 1000) {
    await queue.enqueueMany('q', ids.slice(from, from + 1000).map((id) => queue.createMessage('t', 'x', { id })));
  }
}

it('reports the Redis memory per remembered id (200,000 ids over the 8 buckets of a 20 s window): at most 40 B', async () => {
  const { queue, clock, window } = await openQueue();
  const total = 200_000;
  const perBucket = total / 8;
  for (let bucket = 0; bucket < 8; bucket++) {
    await enqueueIds(queue, Array.from({ length: perBucket }, (_, n) => `order-${bucket}-${n}`));
    // purge remembers every id it removes, as ack does one by one.
    expect(await queue.purge('q')).toBe(perBucket);
    await clock.advance(WIDTH_MS);
  }
  const bytes = Number(await backDoor.memory('USAGE', window, 'SAMPLES', 0));
  const perId = bytes / total;
  console.log(`idempotency window: ${perId.toFixed(1)} B of Redis memory per remembered id (${total} ids, ${(bytes / 1e6).toFixed(2)} MB in one hash of ${await backDoor.hlen(window)} fields)`);
  expect(perId).toBeLessThanOrEqual(40);
  // Every one of them is still remembered: enqueuing a sample stores nothing.
  const sample = Array.from({ length: 8 }, (_, bucket) => `order-${bucket}-${bucket * 7}`);
  expect(await queue.enqueueMany('q', sample.map((id) => queue.createMessage('t', 'again', { id })))).toEqual(sample);
  expect(await queue.size('q')).toBe(0);
  await queue.disconnect();
});

it('forgets a bucket once its newest id is older than the window, and empties its ring slot before reusing it', async () => {
  const { queue, clock, window } = await openQueue();
  // Three stems (the id without its last byte), so three id fields: lua/prelude-window.lua.
  await enqueueIds(queue, ['a1', 'b1', 'c1']);
  await queue.purge('q');
  // The hash lives on its own only as long as its newest bucket (relative: judged by the server's clock).
  const ttl = await backDoor.pttl(window);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(WINDOW_MS + WIDTH_MS);
  const idFields = async (): Promise<string[]> => Object.keys(await backDoor.hgetall(window)).filter((f) => /^\d[0-9a-f]{3}$/.test(f));
  expect(await idFields()).toHaveLength(3);
  // Within the window: remembered.
  await clock.advance(WINDOW_MS - 1);
  expect(await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a1' }))).toBe('a1');
  expect(await queue.size('q')).toBe(0);
  // At window + width after the bucket began (the longest an id is kept): new again.
  await clock.advance(WIDTH_MS + 1);
  expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'a1' }))).toBe('a1');
  expect(await queue.size('q')).toBe(1);
  // Nine widths after the first ids, their ring slot takes new ones: its old fields are removed first.
  await queue.purge('q');
  expect(await idFields()).toHaveLength(1);
  for (const id of ['b1', 'c1']) expect(await queue.enqueue('q', queue.createMessage('t', 3, { id }))).toBe(id);
  expect(await queue.size('q')).toBe(2);
  await queue.disconnect();
});

it('an acked id is remembered', async () => {
  const { queue, window } = await openQueue();
  await queue.enqueue('q', queue.createMessage('t', 1, { id: 'done' }));
  const taken = await queue.dequeue('q');
  await queue.ack(taken as NonNullable<typeof taken>);
  expect(await backDoor.exists(window)).toBe(1);
  expect(await queue.enqueue('q', queue.createMessage('t', 2, { id: 'done' }))).toBe('done');
  expect(await queue.size('q')).toBe(0);
  await queue.disconnect();
});

it('a queue whose window is 0 writes and reads no window hash', async () => {
  const { queue, window } = await openQueue(0);
  await enqueueIds(queue, ['a', 'b']);
  const taken = await queue.dequeue('q');
  await queue.ack(taken as NonNullable<typeof taken>);
  await queue.purge('q');
  expect(await backDoor.exists(window)).toBe(0);
  expect(await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }))).toBe('a');
  expect(await queue.size('q')).toBe(1);
  await queue.disconnect();
});

it('another window length starts empty (a hash written with another bucket width counts as empty)', async () => {
  const clock = new ManualClock();
  const provider = testProvider({ clock });
  const first = new MessageQueue({ provider, clock, idempotencyWindowMs: WINDOW_MS });
  await first.connect();
  await enqueueIds(first, ['a']);
  await first.purge('q');
  provider.doSetIdempotencyWindow('q', 60_000);
  expect(await first.enqueue('q', first.createMessage('t', 1, { id: 'a' }))).toBe('a');
  expect(await first.size('q')).toBe(1);
  await first.disconnect();
});

it('a routed copy whose id a target remembers is not stored there and is reported deduplicated by id (standalone and cluster)', async () => {
  for (const cluster of [false, true]) {
    const clock = new ManualClock();
    const provider = testProvider({ clock, cluster });
    await provider.doConnect();
    provider.doSetIdempotencyWindow('a', WINDOW_MS);
    const copy = (id: string) => ({ id, priority: 5, delayMs: 0, data: 'x' });
    const { version } = await provider.doListBindings();
    await provider.doEnqueue('a', [copy('m.a')]);
    expect(await provider.doPurge('a')).toBe(1);
    const routed = await provider.doEnqueueRouted(
      [
        { queueName: 'a', records: [copy('m.a')] },
        { queueName: 'b', records: [copy('m.b')] },
      ],
      { bindingsVersion: version },
    );
    expect(routed).toEqual({ stale: false, results: [{ duplicateIds: [], deduplicated: [{ index: 0, existingId: 'm.a', replaced: false, byId: true }] }, { duplicateIds: [] }] });
    expect((await provider.doCount('a')).ready).toBe(0);
    expect((await provider.doCount('b')).ready).toBe(1);
    await provider.doDisconnect();
  }
});

it('a grouped enqueue (enqueue-grouped.lua) skips the ids the window remembers and stores the rest of the call (plain and routed, standalone and cluster)', async () => {
  for (const cluster of [false, true]) {
    const clock = new ManualClock();
    const provider = testProvider({ clock, cluster });
    await provider.doConnect();
    for (const name of ['q', 'r']) provider.doSetIdempotencyWindow(name, WINDOW_MS);
    const grouped = (id: string, delayMs = 0) => ({ id, priority: 5, delayMs, data: 'x', groupId: 'g' });
    await provider.doEnqueue('q', [grouped('gone'), grouped('r.gone')]);
    expect(await provider.doPurge('q')).toBe(2);
    const result = await provider.doEnqueue('q', [grouped('new'), grouped('gone'), grouped('later', 50)]);
    expect(result).toEqual({ duplicateIds: [], deduplicated: [{ index: 1, existingId: 'gone', replaced: false, byId: true }] });
    expect(await provider.doCount('q')).toMatchObject({ ready: 1, delayed: 1 });
    expect((await provider.doTake('q', { max: 10, leaseMs: 1000 })).map((r) => r.id)).toEqual(['new']);
    // A routed copy with a group goes through enqueue-grouped.lua too, per target.
    const { version } = await provider.doListBindings();
    const routed = await provider.doEnqueueRouted([{ queueName: 'q', records: [grouped('r.gone')] }, { queueName: 'r', records: [grouped('r.gone')] }], { bindingsVersion: version });
    expect(routed).toEqual({ stale: false, results: [{ duplicateIds: [], deduplicated: [{ index: 0, existingId: 'r.gone', replaced: false, byId: true }] }, { duplicateIds: [] }] });
    expect((await provider.doCount('r')).ready).toBe(1);
    await provider.doDisconnect();
  }
});

import { ManualClock } from '@mq/core';
import type { EnqueueRecord, TakenRecord } from '@mq/core/provider';
import { afterAll, describe, expect, it } from 'vitest';
import { redisQueueKeys } from '../src/testing.js';
import { rawClient, testProvider } from './support/test-redis.js';

/**
 * The admin seams on a debounce record held back behind an in-flight holder (docs/deduplication.md,
 * "Debounce"; lua/prelude.lua PARKED_AT): shown as delayed at its own due time, refused by promote
 * (it would run beside its holder), removed by delete; and a record held back behind a deleted
 * holder gets its own due time back. Checked through the back door: the delayed zset's scores.
 */
const PARKED_AT = 2 ** 50;
const clients = { standalone: rawClient(), cluster: rawClient(true) };
afterAll(async () => void (await Promise.all([clients.standalone.quit(), clients.cluster.quit()])));

const debounced = (id: string, delayMs = 0): EnqueueRecord => ({ id, priority: 5, delayMs, data: `"${id}"`, deduplication: { key: 'k', mode: 'debounce', ttlMs: 60_000 } });
const ref = (r: TakenRecord) => ({ id: r.id, leaseToken: r.leaseToken });

describe.each(['standalone', 'cluster'] as const)('a held-back debounce record and the admin seams (%s)', (mode) => {
  const client = clients[mode];

  async function holdBack() {
    const clock = new ManualClock();
    const p = testProvider({ clock, cluster: mode === 'cluster' });
    await p.doConnect();
    const delayed = redisQueueKeys(p, 'q').delayed;
    await p.doEnqueue('q', [debounced('holder')]);
    const [holder] = await p.doTake('q', { max: 1, leaseMs: 10_000 });
    expect(holder?.id).toBe('holder');
    await p.doEnqueue('q', [debounced('behind', 50)]);
    expect(Number(await client.zscore(delayed, 'behind'))).toBe(PARKED_AT);
    return { p, clock, delayed, holder: holder as TakenRecord };
  }

  it('is shown as delayed at its own due time, and promote refuses it (wrong_state) and leaves the hold as it was', async () => {
    const { p, clock, delayed, holder } = await holdBack();
    const record = await p.doGetRecord?.('q', 'behind');
    expect(record?.state).toBe('delayed');
    expect(record?.details.availableAt).toBe(clock.now() + 50);
    const page = await p.doScanRecords?.('q', { state: 'delayed', cursor: '', limit: 10 });
    expect(page?.records.map((r) => r.id)).toEqual(['behind']);
    expect(await p.doPromoteRecords?.('q', ['behind'])).toEqual(['wrong_state']);
    expect(Number(await client.zscore(delayed, 'behind'))).toBe(PARKED_AT);
    // The holder completes: the one behind gets its own due time and is taken once due.
    await p.doAck('q', ref(holder), 1);
    expect(Number(await client.zscore(delayed, 'behind'))).toBeLessThan(PARKED_AT);
    await clock.advance(50);
    expect((await p.doTake('q', { max: 10, leaseMs: 1000 })).map((r) => r.id)).toEqual(['behind']);
    await p.doDisconnect();
  });

  it('is removed by delete (counted as delayed no more), and the holder still completes', async () => {
    const { p, delayed, holder } = await holdBack();
    expect((await p.doCount('q')).delayed).toBe(1);
    expect(await p.doDeleteRecords?.('q', ['behind'])).toEqual(['done']);
    expect(await client.zscore(delayed, 'behind')).toBeNull();
    expect((await p.doCount('q')).delayed).toBe(0);
    await p.doAck('q', ref(holder), 1);
    expect(await p.doCount('q')).toMatchObject({ ready: 0, delayed: 0, processing: 0, completed: 1 });
    await p.doDisconnect();
  });

  it('gets its own due time back when its holder, waiting for a retry, is deleted', async () => {
    const { p, clock, delayed, holder } = await holdBack();
    await p.doRelease('q', ref(holder), { delayMs: 1000 });
    // A retry keeps holding: still held back.
    expect(Number(await client.zscore(delayed, 'behind'))).toBe(PARKED_AT);
    expect(await p.doDeleteRecords?.('q', ['holder'])).toEqual(['done']);
    expect(Number(await client.zscore(delayed, 'behind'))).toBeLessThan(PARKED_AT);
    await clock.advance(50);
    expect((await p.doTake('q', { max: 10, leaseMs: 1000 })).map((r) => r.id)).toEqual(['behind']);
    await p.doDisconnect();
  });
});

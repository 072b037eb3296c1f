import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '@mq/core';
import { createInMemoryProvider, type InMemoryProvider } from '@mq/memory';
import { afterAll, describe, expect, it } from 'vitest';
import { durableStateOf } from './support/durable-state.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-admin-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;
const freshDir = (): string => path.join(root, `d${next++}`);
const Q = 'q';
const rec = (id: string, priority = 5, delayMs = 0) => ({ id, priority, delayMs, data: `data of ${id}` });

async function open(dir: string, clock: ManualClock, compactAfterBytes?: number): Promise<InMemoryProvider> {
  const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'fsync', ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }) } });
  await provider.doConnect();
  return provider;
}

/** The folder as a crash would leave it, recovered by a new provider. */
async function recoverCopy(dir: string, clock: ManualClock): Promise<InMemoryProvider> {
  const copy = `${dir}-copy${next++}`;
  fs.cpSync(dir, copy, { recursive: true });
  fs.rmSync(path.join(copy, 'LOCK'), { force: true });
  return open(copy, clock);
}

const takeIds = async (provider: InMemoryProvider, max = 20): Promise<string[]> => (await provider.doTake(Q, { max, leaseMs: 60_000 })).map((r) => r.id);

describe('durable in-memory provider: the admin seams are logged', () => {
  it('deletes, promotions, priority changes and a pause survive a restart, records in the same order', async () => {
    const dir = freshDir();
    const clock = new ManualClock();
    const first = await open(dir, clock);
    await first.doEnqueue(Q, [rec('held', 10), rec('dies', 10), rec('r1'), rec('r2'), rec('r3'), rec('d1', 5, 5000), rec('d2', 5, 5000), rec('d3', 2, 5000)]);
    const [held, dies] = await first.doTake(Q, { max: 2, leaseMs: 60_000 });
    await first.doDeadLetter(Q, { id: 'dies', leaseToken: dies?.leaseToken ?? '' }, 'boom');
    expect(held?.id).toBe('held');
    expect(await first.doDeleteRecords?.(Q, ['r2', 'dies', 'held', 'nope'])).toEqual(['done', 'done', 'wrong_state', 'not_found']);
    expect(await first.doPromoteRecords?.(Q, ['d1', 'r1'])).toEqual(['done', 'wrong_state']);
    expect(await first.doSetPriority?.(Q, ['r1', 'd3'], 9)).toEqual(['done', 'done']);
    await first.doSetPaused?.(Q, true);
    const before = durableStateOf(first);

    const recovered = await recoverCopy(dir, clock);
    expect(durableStateOf(recovered)).toEqual(before);
    expect(await recovered.doCount(Q)).toMatchObject({ paused: true, ready: 3, delayed: 2, processing: 1, dead: 0 });
    expect(await takeIds(recovered)).toEqual([]);
    await recovered.doSetPaused?.(Q, false);
    expect((await recovered.doCount(Q)).paused).toBeUndefined();
    expect(await takeIds(recovered)).toEqual(['r1', 'r3', 'd1']);
    await clock.advance(5000);
    expect(await takeIds(recovered)).toEqual(['d3', 'd2']);
    await recovered.doDisconnect();
    await first.doDisconnect();

    // The resume was logged too: the recovered folder opens unpaused.
    const again = await open(`${dir}-copy${next - 1}`, clock);
    expect((await again.doCount(Q)).paused).toBeUndefined();
    await again.doDisconnect();
  });

  it('a read that moved due records logs the move, so records enqueued after it stay behind it', async () => {
    const dir = freshDir();
    const clock = new ManualClock();
    const first = await open(dir, clock);
    await first.doEnqueue(Q, [rec('due', 5, 1000)]);
    await clock.advance(1000);
    // Settles 'due' to ready (at 1000), ahead of what comes next.
    expect((await first.doGetRecord?.(Q, 'due'))?.state).toBe('ready');
    await first.doEnqueue(Q, [rec('after')]);
    await first.doScanRecords?.(Q, { state: 'ready', cursor: '', limit: 10 });
    await new Promise((resolve) => setImmediate(resolve));
    const recovered = await recoverCopy(dir, clock);
    expect(durableStateOf(recovered)).toEqual(durableStateOf(first));
    expect(await takeIds(recovered)).toEqual(['due', 'after']);
    await recovered.doDisconnect();
    await first.doDisconnect();
  });

  it('a snapshot keeps a paused queue paused', async () => {
    const dir = freshDir();
    const clock = new ManualClock();
    const first = await open(dir, clock, 2000);
    await first.doSetPaused?.(Q, true);
    await first.doSetPaused?.('other', true);
    await first.doSetPaused?.('other', false);
    for (let i = 0; i < 100; i++) await first.doEnqueue(Q, [rec(`m${i}`)]);
    await first.doDisconnect();
    expect(fs.readdirSync(dir).some((f) => f.startsWith('snapshot-'))).toBe(true);
    const again = await open(dir, clock);
    expect(await again.doCount(Q)).toMatchObject({ paused: true, ready: 100 });
    expect((await again.doCount('other')).paused).toBeUndefined();
    await again.doDisconnect();
  });
});

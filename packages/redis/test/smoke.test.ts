import { ManualClock } from '@mq/core/provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisProvider } from '../src/redis-provider.js';
import { testProvider } from './support/test-redis.js';

const providers: RedisProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) await p.doDisconnect();
});

async function open(clock: ManualClock, cluster = false): Promise<RedisProvider> {
  const p = testProvider({ clock, cluster });
  providers.push(p);
  await p.doConnect();
  return p;
}

describe.each([false, true])('smoke (cluster=%s)', (cluster) => {
  it('enqueue, take, ack', async () => {
    const clock = new ManualClock();
    const p = await open(clock, cluster);
    expect(await p.doEnqueue('q1', [{ id: 'a', priority: 5, delayMs: 0, data: 'A' }, { id: 'b', priority: 9, delayMs: 0, data: 'B' }, { id: 'c', priority: 5, delayMs: 1000, data: 'C' }])).toEqual({ duplicateIds: [] });
    expect((await p.doEnqueue('q1', [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }])).duplicateIds).toEqual(['a']);
    const taken = await p.doTake('q1', { max: 10, leaseMs: 5000 });
    expect(taken.map((r) => r.id)).toEqual(['b', 'a']);
    expect(taken[0]).toMatchObject({ priority: 9, data: 'B', attempts: 1, availableAt: clock.now(), leaseExpiresAt: clock.now() + 5000 });
    expect(await p.doAck('q1', { id: 'b', leaseToken: taken[0]!.leaseToken }, 12)).toBe(true);
    expect(await p.doAck('q1', { id: 'b', leaseToken: taken[0]!.leaseToken }, 12)).toBe(false);
    expect(await p.doRelease('q1', { id: 'a', leaseToken: taken[1]!.leaseToken }, { delayMs: 500, lastError: 'boom' })).toBe(true);
    expect(await p.doCount('q1')).toEqual({ ready: 0, delayed: 2, processing: 0, dead: 0, completed: 1, processingMsTotal: 12, paused: false });
    await clock.advance(1000);
    const again = await p.doTake('q1', { max: 10, leaseMs: 5000 });
    expect(again.map((r) => [r.id, r.attempts, r.lastError])).toEqual([
      ['a', 2, 'boom'],
      ['c', 1, undefined],
    ]);
    expect(await p.doDeadLetter('q1', { id: 'c', leaseToken: again[1]!.leaseToken }, 'bad')).toBe(true);
    expect(await p.doListDeadLetters('q1', { offset: 0, limit: 10 })).toEqual([{ id: 'c', priority: 5, data: 'C', attempts: 1, error: 'bad', failedAt: clock.now() }]);
    expect(await p.doReplayDeadLetters('q1', undefined)).toEqual(['c']);
    expect(await p.doPurge('q1')).toBe(2);
    expect(await p.doListQueues()).toEqual(['q1']);
  });

  it('stores concurrent enqueue calls each all-or-none, one script call for all of them', async () => {
    const p = await open(new ManualClock(), cluster);
    const record = (id: string, delayMs = 0) => ({ id, priority: 5, delayMs, data: id });
    const results = await Promise.all([
      p.doEnqueue('q2', [record('a'), record('b')]),
      p.doEnqueue('q2', [record('c'), record('a')]),
      p.doEnqueue('q2', [record('d', 100)]),
      p.doEnqueue('q2', [record('b')]),
    ]);
    expect(results.map((r) => r.duplicateIds)).toEqual([[], ['a'], [], ['b']]);
    expect(await p.doCount('q2')).toMatchObject({ ready: 2, delayed: 1 });
    expect((await p.doTake('q2', { max: 10, leaseMs: 1000 })).map((r) => r.id)).toEqual(['a', 'b']);
  });
});


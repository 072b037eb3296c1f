import { ManualClock, V1_CAPABILITY_DEFAULTS, type ProviderCapabilities } from '@mq/core/provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisProvider } from '../src/redis-provider.js';
import { testProvider } from './support/test-redis.js';

const open: RedisProvider[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.doDisconnect();
});

const EVERY_CAPABILITY = ['sharedAcrossProcesses', 'durable', 'crossInstanceEvents', ...Object.keys(V1_CAPABILITY_DEFAULTS)].sort();

describe('the capabilities @mq/redis declares (contract v2)', () => {
  it('declares every capability itself, none left to the v1 defaults', () => {
    const provider = testProvider();
    expect(Object.keys(provider.capabilities).sort()).toEqual(EVERY_CAPABILITY);
    expect(provider.capabilities).toEqual({
      sharedAcrossProcesses: true,
      durable: true,
      crossInstanceEvents: true,
      priorities: 'native',
      fencedAcks: true,
      counts: 'exact',
      deadLetters: 'listable',
      maxDelayMs: Infinity,
      atomicBatchEnqueue: true,
      blockingTake: false,
      reclaimToFront: true,
      ordering: 'strict',
      binaryData: false,
      scanRecords: true,
      deduplication: true,
      groups: true,
      partitions: true,
      routing: true,
      admin: true,
    } satisfies ProviderCapabilities);
  });

  it('maxDelayMs Infinity: a delay of a year (far past any store cap such as SQS 15 minutes) is kept natively, to the millisecond', async () => {
    const clock = new ManualClock();
    const provider = testProvider({ clock });
    open.push(provider);
    await provider.doConnect();
    const yearMs = 365 * 24 * 3600_000;
    await provider.doEnqueue('later', [{ id: 'y', priority: 5, delayMs: yearMs, data: 'x' }]);
    await clock.advance(yearMs - 1);
    expect(await provider.doTake('later', { max: 1, leaseMs: 1000 })).toEqual([]);
    await clock.advance(1);
    expect(await provider.doTake('later', { max: 1, leaseMs: 1000 })).toMatchObject([{ id: 'y', availableAt: clock.now() }]);
  });

  it('fencedAcks: an ack, release or dead-letter with a stale lease token changes nothing and answers false', async () => {
    const clock = new ManualClock();
    const provider = testProvider({ clock });
    open.push(provider);
    await provider.doConnect();
    await provider.doEnqueue('fenced', [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }]);
    const [first] = await provider.doTake('fenced', { max: 1, leaseMs: 1000 });
    await clock.advance(1001);
    const [second] = await provider.doTake('fenced', { max: 1, leaseMs: 1000 });
    const stale = { id: 'a', leaseToken: first!.leaseToken };
    expect(await provider.doAck('fenced', stale, 1)).toBe(false);
    expect(await provider.doRelease('fenced', stale, { delayMs: 0 })).toBe(false);
    expect(await provider.doDeadLetter('fenced', stale, 'late')).toBe(false);
    expect(await provider.doCount('fenced')).toMatchObject({ processing: 1, completed: 0, dead: 0 });
    expect(await provider.doAck('fenced', { id: 'a', leaseToken: second!.leaseToken }, 1)).toBe(true);
  });
});

import { isMqError, ManualClock } from '@mq/core';
import { normalizeCapabilities } from '@mq/core/provider';
import { createInMemoryProvider, InMemoryProvider, mqProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

describe('mqProvider (the factory createMessageQueue() finds by the name "memory")', () => {
  it('names itself, its package and what it reads', () => {
    expect(mqProvider).toMatchObject({ name: 'memory', packageName: '@mq/memory', installHint: 'npm install @mq/memory' });
    expect(mqProvider.env.map((v) => v.name)).toEqual(['MQ_MEMORY_DIR']);
  });

  it('makes an in-memory provider on the clock it is given; options of other providers are ignored', async () => {
    const clock = new ManualClock();
    const provider = mqProvider.create({ env: {}, clock, options: { url: 'redis://ignored:6379' } });
    expect(provider).toBeInstanceOf(InMemoryProvider);
    await provider.doEnqueue('q', [{ id: 'a', priority: 5, delayMs: 100, data: 'x' }]);
    expect(await provider.doTake('q', { max: 1, leaseMs: 10 })).toEqual([]);
    await clock.advance(100);
    expect((await provider.doTake('q', { max: 1, leaseMs: 10 })).map((r) => r.id)).toEqual(['a']);
  });

  it('refuses MQ_MEMORY_DIR and persistence with MQ_UNSUPPORTED: a durable store is not built yet', () => {
    const refused = (make: () => unknown): unknown => {
      try {
        make();
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const fromEnv = refused(() => mqProvider.create({ env: { MQ_MEMORY_DIR: '/var/lib/mq' }, options: {} }));
    expect(isMqError(fromEnv, 'MQ_UNSUPPORTED')).toBe(true);
    expect((fromEnv as Error).message).toMatch(/MQ_MEMORY_DIR.*not yet/);
    expect(isMqError(refused(() => mqProvider.create({ env: {}, options: { persistence: { dir: '/tmp/mq' } } })), 'MQ_UNSUPPORTED')).toBe(true);
    expect(isMqError(refused(() => createInMemoryProvider({ persistence: { dir: '/tmp/mq', durability: 'fsync' } })), 'MQ_UNSUPPORTED')).toBe(true);
    // Malformed settings are named first, as for any option.
    for (const persistence of [null, 'dir', { dir: '' }, { dir: 3 }, { dir: '/tmp', durability: 7 }]) {
      const error = refused(() => createInMemoryProvider({ persistence } as never));
      expect(error).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: expect.stringMatching(/^persistence/) } });
    }
    // Set but empty is unset.
    expect(mqProvider.create({ env: { MQ_MEMORY_DIR: ' ' }, options: {} })).toBeInstanceOf(InMemoryProvider);
  });
});

describe('capabilities', () => {
  it('declares contract v2 in full, natively able to do everything the core asks, bytes included', () => {
    const provider = new InMemoryProvider();
    expect(provider.specificationVersion).toBe('mq-provider-v2');
    const v1 = { sharedAcrossProcesses: false, durable: false, crossInstanceEvents: false };
    expect(Object.keys(provider.capabilities).sort()).toEqual(Object.keys(normalizeCapabilities(v1)).sort());
    expect(provider.capabilities).toMatchObject({ priorities: 'native', fencedAcks: true, maxDelayMs: Infinity, binaryData: true, deduplication: true });
  });

  it('keeps Uint8Array data as it is: taken, dead-lettered and replayed', async () => {
    const provider = new InMemoryProvider();
    const data = new Uint8Array([0, 255, 10, 91, 128]);
    await provider.doEnqueue('q', [{ id: 'b', priority: 7, delayMs: 0, data }, { id: 's', priority: 7, delayMs: 0, data: 'text' }]);
    const [bytes, text] = await provider.doTake('q', { max: 2, leaseMs: 1000 });
    expect(bytes?.data).toBeInstanceOf(Uint8Array);
    expect(bytes?.data).toEqual(data);
    expect(text?.data).toBe('text');
    expect(await provider.doDeadLetter('q', { id: 'b', leaseToken: bytes?.leaseToken ?? '' }, 'failed')).toBe(true);
    const [dead] = await provider.doListDeadLetters('q', { offset: 0, limit: 10 });
    expect(dead?.data).toEqual(data);
    expect(await provider.doReplayDeadLetters('q', ['b'])).toEqual(['b']);
    const [again] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
    expect(again).toMatchObject({ id: 'b', priority: 7, attempts: 1 });
    expect(again?.data).toEqual(data);
  });
});

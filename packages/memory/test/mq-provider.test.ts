import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMqError, ManualClock } from '@mq/core';
import { normalizeCapabilities } from '@mq/core/provider';
import { createInMemoryProvider, DurableInMemoryProvider, InMemoryProvider, mqProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

describe('mqProvider (the factory createMessageQueue() finds by the name "memory")', () => {
  it('names itself, its package and what it reads', () => {
    expect(mqProvider).toMatchObject({ name: 'memory', packageName: '@mq/memory', installHint: 'npm install @mq/memory' });
    expect(mqProvider.env.map((v) => v.name)).toEqual(['MQ_MEMORY_DIR', 'MQ_MEMORY_DURABILITY']);
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

  it('makes a durable provider from MQ_MEMORY_DIR and MQ_MEMORY_DURABILITY, or from providerOptions.persistence', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-factory-'));
    try {
      const fromEnv = mqProvider.create({ env: { MQ_MEMORY_DIR: path.join(root, 'env'), MQ_MEMORY_DURABILITY: 'fsync' }, options: {} });
      expect(fromEnv).toBeInstanceOf(DurableInMemoryProvider);
      expect((fromEnv as DurableInMemoryProvider).persistence).toEqual({ dir: path.join(root, 'env'), durability: 'fsync' });
      expect(fromEnv.capabilities.durable).toBe(true);
      expect(await fromEnv.doDescribe?.()).toEqual({ persistence: { dir: path.join(root, 'env'), durability: 'fsync' } });
      const fromOptions = mqProvider.create({ env: {}, options: { persistence: { dir: path.join(root, 'opt') } } });
      expect((fromOptions as DurableInMemoryProvider).persistence.durability).toBe('batch');
      // Set but empty is unset.
      expect(mqProvider.create({ env: { MQ_MEMORY_DIR: ' ' }, options: {} })).not.toBeInstanceOf(DurableInMemoryProvider);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('names what is wrong with persistence settings, and what is allowed, at once', () => {
    const refused = (make: () => unknown): unknown => {
      try {
        make();
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const badMode = refused(() => mqProvider.create({ env: { MQ_MEMORY_DIR: os.tmpdir(), MQ_MEMORY_DURABILITY: 'sometimes' }, options: {} }));
    expect(badMode).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: 'MQ_MEMORY_DURABILITY' } });
    expect((badMode as Error).message).toContain("'fsync', 'batch', 'none'");
    const modeOnly = refused(() => mqProvider.create({ env: { MQ_MEMORY_DURABILITY: 'fsync' }, options: {} }));
    expect(modeOnly).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: 'MQ_MEMORY_DURABILITY' } });
    // A folder that cannot be created: its path is named.
    const file = path.join(os.tmpdir(), `mq-not-a-folder-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      const badDir = refused(() => createInMemoryProvider({ persistence: { dir: path.join(file, 'sub') } }));
      expect(badDir).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: 'persistence.dir' } });
      expect((badDir as Error).message).toContain(path.join(file, 'sub'));
      const fromEnv = refused(() => mqProvider.create({ env: { MQ_MEMORY_DIR: file }, options: {} }));
      expect(fromEnv).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: 'MQ_MEMORY_DIR' } });
    } finally {
      fs.rmSync(file, { force: true });
    }
    for (const persistence of [null, 'dir', { dir: '' }, { dir: 3 }, { dir: '/tmp', durability: 7 }, { dir: '/tmp', durability: 'always' }]) {
      const error = refused(() => createInMemoryProvider({ persistence } as never));
      expect(error).toMatchObject({ code: 'MQ_INVALID_CONFIG', details: { field: expect.stringMatching(/^persistence/) } });
    }
    // The plain class keeps records in memory only and says which function builds the durable one.
    expect((refused(() => new InMemoryProvider({ persistence: { dir: '/tmp/mq' } })) as Error).message).toContain('createInMemoryProvider');
    expect(isMqError(refused(() => new InMemoryProvider({ persistence: { dir: '/tmp/mq' } })), 'MQ_INVALID_CONFIG')).toBe(true);
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

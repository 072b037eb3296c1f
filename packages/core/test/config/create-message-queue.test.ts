import { createMessageQueue, isMqError, ManualClock } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';
import { loadProviderModule } from '../../src/config/load-provider-module.js';

describe('createMessageQueue()', () => {
  it('uses the in-memory provider by default, as the spec\'s quick start says', async () => {
    const queue = createMessageQueue({ env: {} });
    expect(queue.providerName).toBe('memory');
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', { hello: 'world' }));
    expect((await queue.dequeue('q'))?.payload).toEqual({ hello: 'world' });
    expect(await queue.health()).toMatchObject({ healthy: true, provider: 'memory' });
    await queue.disconnect();
  });

  it('reads MESSAGE_QUEUE_PROVIDER (case and spaces ignored)', () => {
    expect(createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: ' Memory ' } }).providerName).toBe('memory');
    expect(createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: '' } }).providerName).toBe('memory');
    expect(createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: 'redis://localhost:6379' } }).providerName).toBe('redis');
  });

  it('reads process.env when no env is given', () => {
    const saved = process.env.MESSAGE_QUEUE_PROVIDER;
    process.env.MESSAGE_QUEUE_PROVIDER = 'memory';
    try {
      expect(createMessageQueue().providerName).toBe('memory');
    } finally {
      if (saved === undefined) delete process.env.MESSAGE_QUEUE_PROVIDER;
      else process.env.MESSAGE_QUEUE_PROVIDER = saved;
    }
  });

  // Contract v2: any well-formed name may be a registered or installed provider, so an unknown one
  // fails at connect() (MQ_PROVIDER_NOT_INSTALLED, listing what is available), no longer at once.
  it('refuses an unknown provider name at connect(), saying what to set', async () => {
    for (const value of ['kafka', 'redis-cluster', 'mem']) {
      const failure = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: value } }).connect();
      await expect(failure).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_NOT_INSTALLED'));
      await expect(failure).rejects.toThrow(new RegExp(`^MESSAGE_QUEUE_PROVIDER=${value}: .*Available here: .*"memory" \\(default\\)`));
    }
    await expect(createMessageQueue({ provider: 'kafka' }).connect()).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_NOT_INSTALLED'));
  });

  it('takes a provider instance and a shared clock', async () => {
    const clock = new ManualClock();
    const queue = createMessageQueue({ provider: new InMemoryProvider({ clock }), clock });
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 1, { delayMs: 100 }));
    expect(await queue.dequeue('q')).toBeNull();
    await clock.advance(100);
    expect(await queue.dequeue('q')).not.toBeNull();
    await queue.disconnect();
  });

  it('refuses options that are not an object', () => {
    expect(() => createMessageQueue(null as never)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
  });
});

describe('loading a provider package', () => {
  it('says what to install when the package is missing', async () => {
    const failure = loadProviderModule('@mq/not-a-real-provider', 'redis', 'npm install @mq/redis ioredis');
    await expect(failure).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_NOT_INSTALLED'));
    await expect(failure).rejects.toThrow(/MESSAGE_QUEUE_PROVIDER=redis needs the @mq\/not-a-real-provider package.*Run: npm install @mq\/redis ioredis/);
  });

  it('finds an installed provider package', async () => {
    const mod = await loadProviderModule<{ createInMemoryProvider: unknown }>('@mq/memory', 'memory', 'npm install @mq/memory');
    expect(typeof mod.createInMemoryProvider).toBe('function');
  });
});

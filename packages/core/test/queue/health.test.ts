import { ManualClock, MessageQueue } from '@mq/core';
import type { ProviderDescription } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

/** The in-memory provider describing a store with persistence settings, or failing to. */
class DescribedProvider extends InMemoryProvider {
  describeCalls = 0;
  constructor(private readonly answer: () => Promise<ProviderDescription>) {
    super({ clock: new ManualClock(Date.UTC(2025, 0, 6, 20, 10)) });
  }

  doDescribe(): Promise<ProviderDescription> {
    this.describeCalls++;
    return this.answer();
  }
}

const TIMESTAMP = '2025-01-06T20:10:00.000Z';

async function healthOf(provider: InMemoryProvider): Promise<unknown> {
  const queue = new MessageQueue({ provider, clock: new ManualClock(Date.UTC(2025, 0, 6, 20, 10)) });
  await queue.connect();
  try {
    return await queue.health();
  } finally {
    await queue.disconnect();
  }
}

describe('health()', () => {
  it('reports the persistence the provider describes', async () => {
    const provider = new DescribedProvider(() => Promise.resolve({ persistence: { appendonly: 'yes', appendfsync: 'everysec' } }));
    expect(await healthOf(provider)).toEqual({ healthy: true, provider: 'memory', timestamp: TIMESTAMP, persistence: { appendonly: 'yes', appendfsync: 'everysec' } });
  });

  it('stays in the spec shape when doDescribe fails, knows nothing, or is missing', async () => {
    const failing = new DescribedProvider(() => Promise.reject(new Error('CONFIG is disabled')));
    expect(await healthOf(failing)).toEqual({ healthy: true, provider: 'memory', timestamp: TIMESTAMP });
    expect(failing.describeCalls).toBe(1);
    const throwing = new DescribedProvider(() => {
      throw new Error('not even a promise');
    });
    expect(await healthOf(throwing)).toEqual({ healthy: true, provider: 'memory', timestamp: TIMESTAMP });
    expect(await healthOf(new DescribedProvider(() => Promise.resolve({})))).toEqual({ healthy: true, provider: 'memory', timestamp: TIMESTAMP });
    expect(await healthOf(new InMemoryProvider())).toEqual({ healthy: true, provider: 'memory', timestamp: TIMESTAMP });
  });

  it('does not ask for a description while the store is unhealthy or the queue is not open', async () => {
    const provider = new DescribedProvider(() => Promise.resolve({ persistence: { appendonly: 'no' } }));
    provider.doHealthCheck = () => Promise.resolve(false);
    expect(await healthOf(provider)).toEqual({ healthy: false, provider: 'memory', timestamp: TIMESTAMP });
    const idle = new DescribedProvider(() => Promise.resolve({ persistence: { appendonly: 'no' } }));
    expect(await new MessageQueue({ provider: idle, clock: new ManualClock(Date.UTC(2025, 0, 6, 20, 10)) }).health()).toEqual({ healthy: false, provider: 'memory', timestamp: TIMESTAMP });
    expect(provider.describeCalls + idle.describeCalls).toBe(0);
  });
});

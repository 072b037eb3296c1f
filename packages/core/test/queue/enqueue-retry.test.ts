import { isMqError, ManualClock, MessageQueue, ProviderUnavailableError, type MessageQueueOptions } from '@mq/core';
import type { EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

/**
 * A store whose next `failures` enqueues fail with MQ_PROVIDER_UNAVAILABLE; with `landFirst`, the
 * first failing call stores its records before it fails (the reply was lost on the way back).
 */
class FlakyProvider extends InMemoryProvider {
  calls = 0;
  constructor(
    clock: ManualClock,
    private failures: number,
    private readonly landFirst = false,
  ) {
    super({ clock });
  }

  override async doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    this.calls++;
    if (this.failures === 0) return super.doEnqueue(queueName, records);
    if (this.landFirst && this.calls === 1) await super.doEnqueue(queueName, records);
    this.failures--;
    throw new ProviderUnavailableError('connection reset');
  }
}

async function open(provider: FlakyProvider, clock: ManualClock, options: Partial<MessageQueueOptions> = {}): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider, clock, ...options });
  await queue.connect();
  return queue;
}

/** Settles `call` while moving the manual clock on in 10 ms steps (at most `limitMs`). */
async function settle<T>(clock: ManualClock, call: Promise<T>, limitMs = 20_000): Promise<{ value?: T; error?: unknown; tookMs: number }> {
  const startedAt = clock.now();
  let outcome: { value?: T; error?: unknown } | undefined;
  call.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  while (outcome === undefined && clock.now() - startedAt <= limitMs) await clock.advance(10);
  if (outcome === undefined) throw new Error('the call did not settle');
  return { ...outcome, tookMs: clock.now() - startedAt };
}

describe('enqueue retries transient failures within enqueueTimeoutMs', () => {
  it('retries MQ_PROVIDER_UNAVAILABLE with backoff and resolves when the store answers', async () => {
    const clock = new ManualClock();
    const provider = new FlakyProvider(clock, 3);
    const queue = await open(provider, clock);
    const { value } = await settle(clock, queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' })));
    expect(value).toBe('a');
    expect(provider.calls).toBe(4);
    expect(await queue.size('q')).toBe(1);
  });

  it('an attempt that landed but whose answer was lost is not stored twice (single and batch)', async () => {
    const clock = new ManualClock();
    const provider = new FlakyProvider(clock, 2, true);
    const queue = await open(provider, clock);
    expect((await settle(clock, queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' })))).value).toBe('a');
    expect(await queue.size('q')).toBe(1);
    const batchProvider = new FlakyProvider(clock, 1, true);
    const batchQueue = await open(batchProvider, clock);
    const batch = [batchQueue.createMessage('t', 1, { id: 'x' }), batchQueue.createMessage('t', 2, { id: 'y' })];
    expect((await settle(clock, batchQueue.enqueueMany('q', batch))).value).toEqual(['x', 'y']);
    expect(await batchQueue.size('q')).toBe(2);
  });

  it('after enqueueTimeoutMs the error says the outcome is unknown and a retry with the same id is safe', async () => {
    const clock = new ManualClock();
    const provider = new FlakyProvider(clock, Infinity);
    const queue = await open(provider, clock, { enqueueTimeoutMs: 2000 });
    const { error, tookMs } = await settle(clock, queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' })));
    expect(isMqError(error, 'MQ_PROVIDER_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/outcome is unknown.*same message id\(s\) is safe/);
    expect(error).toMatchObject({ details: { queueName: 'q', ids: ['a'], outcome: 'unknown' } });
    expect(tookMs).toBeGreaterThanOrEqual(2000);
    expect(tookMs).toBeLessThanOrEqual(2010);
    expect(provider.calls).toBeGreaterThan(3);
  });

  it('enqueueTimeoutMs 0 fails at the first error; other errors are never retried', async () => {
    const clock = new ManualClock();
    const provider = new FlakyProvider(clock, 1);
    const queue = await open(provider, clock, { enqueueTimeoutMs: 0 });
    await expect(queue.enqueue('q', queue.createMessage('t', 1))).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect(provider.calls).toBe(1);
    const other = await open(new FlakyProvider(clock, 0), clock);
    await other.enqueue('q', other.createMessage('t', 1, { id: 'dup' }));
    await expect(other.enqueue('q', other.createMessage('t', 1, { id: 'dup' }))).rejects.toSatisfy((e) => isMqError(e, 'MQ_DUPLICATE_MESSAGE_ID'));
  });
});

import { isMqError, ManualClock, MessageQueue, ProviderUnavailableError } from '@mq/core';
import type { DeadLetterOptions, LeaseRef } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';

/** The in-memory provider whose first doDeadLetter call fails, as on a store that blinks once. */
class FlakyDeadLetterProvider extends InMemoryProvider {
  failuresLeft = 1;
  deadLetterCalls = 0;

  override async doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    this.deadLetterCalls++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new ProviderUnavailableError('store blinked');
    }
    return super.doDeadLetter(queueName, lease, error, options);
  }
}

async function open(visibilityTimeoutMs = 30_000): Promise<{ queue: MessageQueue; provider: FlakyDeadLetterProvider; clock: ManualClock; errors: string[] }> {
  const clock = new ManualClock();
  const provider = new FlakyDeadLetterProvider({ clock });
  const queue = new MessageQueue({ provider, clock, visibilityTimeoutMs });
  const errors: string[] = [];
  queue.on('error', (error) => errors.push(error.message));
  await queue.connect();
  return { queue, provider, clock, errors };
}

// The clock never moves in these tests: a take that failed would pause the subscription for good,
// and a record stranded under its lease would never come back.
describe('records a take cannot hand out', () => {
  it('a failed dead-letter of an undecodable record neither fails the take nor strands the rest of the batch', async () => {
    const { queue, provider, errors } = await open();
    await provider.doEnqueue('q', [{ id: 'garbled', priority: 10, delayMs: 0, data: 'not an envelope' }]);
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n, { id: `good-${n}` })));
    const handled: string[] = [];
    queue.subscribe('q', (message) => void handled.push(message.id), { concurrency: 3 });
    await vi.waitFor(() => expect(handled).toEqual(['good-1', 'good-2']));
    // Given back unharmed after the failed call, taken again, and dead-lettered on the second try.
    await vi.waitFor(async () => expect((await queue.deadLetters('q')).map((d) => [d.id, d.attempts])).toEqual([['garbled', 0]]));
    expect(provider.deadLetterCalls).toBe(2);
    expect(errors).toContain('store blinked');
    await vi.waitFor(async () => expect(await queue.getStats('q')).toMatchObject({ completedMessages: 2, processingMessages: 0, failedMessages: 1 }));
    await queue.disconnect();
  });

  it('a failed dead-letter of a record out of attempts neither fails the take nor strands the rest of the batch', async () => {
    const { queue, clock, errors } = await open(100);
    await queue.enqueue('q', queue.createMessage('t', 'poison', { id: 'poison', priority: 10, maxRetries: 0 }));
    expect((await queue.dequeue('q'))?.id).toBe('poison');
    await clock.advance(101);
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n, { id: `good-${n}` })));
    const handled: string[] = [];
    queue.subscribe('q', (message) => void handled.push(message.id), { concurrency: 3 });
    await vi.waitFor(() => expect(handled).toEqual(['good-1', 'good-2']));
    // Its one delivery expired: that is its one attempt, however often the dead-lettering was tried.
    await vi.waitFor(async () => expect((await queue.deadLetters('q')).map((d) => [d.id, d.attempts, d.error.code])).toEqual([['poison', 1, 'MQ_LEASE_EXPIRED']]));
    expect(errors).toContain('store blinked');
    await queue.disconnect();
  });

  it('dequeue() gives a record back when its dead-lettering fails, and says so', async () => {
    const { queue, provider } = await open();
    await provider.doEnqueue('q', [{ id: 'garbled', priority: 5, delayMs: 0, data: 'not an envelope' }]);
    await expect(queue.dequeue('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    // Back at once, not hidden under its lease.
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 1, processingMessages: 0, failedMessages: 0 });
    expect(await queue.dequeue('q')).toBeNull();
    expect((await queue.deadLetters('q')).map((d) => [d.id, d.attempts])).toEqual([['garbled', 0]]);
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 0, processingMessages: 0, failedMessages: 1 });
    await queue.disconnect();
  });
});

import * as core from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';

describe('the Subscription of the public API', () => {
  it('is a type only: @mq/core exports no Subscription value (its constructor takes an internal engine)', () => {
    expect(Object.keys(core)).not.toContain('Subscription');
  });

  it('is what subscribe() returns: queueName, active, closed and close()', async () => {
    const queue = createInMemoryQueue();
    await queue.connect();
    let finish = (): void => undefined;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const subscription: core.Subscription = queue.subscribe('q', () => running);
    await queue.enqueue('q', queue.createMessage('t', 1));
    await vi.waitFor(() => expect(subscription.active).toBe(1));
    expect([subscription.queueName, subscription.closed]).toEqual(['q', false]);
    const closing = subscription.close();
    expect(subscription.closed).toBe(true);
    finish();
    await closing;
    expect(subscription.active).toBe(0);
    expect((await queue.getStats('q')).completedMessages).toBe(1);
    await queue.disconnect();
  });
});

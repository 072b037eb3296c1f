import { ManualClock, MessageQueue, ProviderUnavailableError } from '@mq/core';
import type { LeaseRef, TakeOptions, TakenRecord } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';

/** The in-memory provider with acks held at a gate, as on a store that is slow to answer them. */
class SlowAckProvider extends InMemoryProvider {
  takes: number[] = [];
  private open = false;
  private readonly held: (() => void)[] = [];

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    this.takes.push(options.max);
    return super.doTake(queueName, options);
  }

  override async doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    if (!this.open) await new Promise<void>((resolve) => this.held.push(resolve));
    return super.doAck(queueName, lease, processingMs);
  }

  get heldAcks(): number {
    return this.held.length;
  }

  openGate(): void {
    this.open = true;
    for (const release of this.held.splice(0)) release();
  }
}

/** Lets queued callbacks run: a few turns of the event loop, not a wait on the clock. */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('subscription slots', () => {
  it('frees a slot when the handler returns, so the next take goes out while the ack is in flight', async () => {
    const provider = new SlowAckProvider();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    for (let i = 0; i < 3; i++) await queue.enqueue('q', queue.createMessage('t', i));
    const handled: number[] = [];
    const subscription = queue.subscribe('q', (message) => void handled.push(message.payload as number), { concurrency: 1 });
    // The first ack is held, yet the second and third messages are handled.
    await vi.waitFor(() => expect(handled).toEqual([0, 1]));
    expect(provider.heldAcks).toBe(2);
    expect(subscription.active).toBe(0);
    provider.openGate();
    await vi.waitFor(() => expect(handled).toEqual([0, 1, 2]));
    await vi.waitFor(async () => expect((await queue.getStats('q')).completedMessages).toBe(3));
    await queue.disconnect();
  });

  it('keeps unsettled deliveries below twice the concurrency while acks are held', async () => {
    const provider = new SlowAckProvider();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    for (let i = 0; i < 10; i++) await queue.enqueue('q', queue.createMessage('t', i));
    let handled = 0;
    queue.subscribe('q', () => void handled++, { concurrency: 2 });
    await vi.waitFor(() => expect(handled).toBe(4));
    await turns();
    // Four acks held (2 × concurrency): nothing more is taken until they settle.
    expect(handled).toBe(4);
    expect(provider.heldAcks).toBe(4);
    expect((await queue.getStats('q')).processingMessages).toBe(4);
    provider.openGate();
    await vi.waitFor(() => expect(handled).toBe(10));
    await vi.waitFor(async () => expect((await queue.getStats('q')).completedMessages).toBe(10));
    await queue.disconnect();
  });

  it('takes for the handlers that finished together in one take', async () => {
    const provider = new SlowAckProvider();
    provider.openGate();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    for (let i = 0; i < 16; i++) await queue.enqueue('q', queue.createMessage('t', i));
    let handled = 0;
    queue.subscribe(
      'q',
      async () => {
        handled++;
        await Promise.resolve();
      },
      { concurrency: 4 },
    );
    await vi.waitFor(() => expect(handled).toBe(16));
    // Four full batches, then the take that finds the queue empty.
    expect(provider.takes.slice(0, 4)).toEqual([4, 4, 4, 4]);
    await queue.disconnect();
  });

  it('from 8 slots on runs two lanes of half the slots, whose takes can be in flight at once, and one shared wait', async () => {
    const provider = new GatedTakeProvider();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    for (let i = 0; i < 30; i++) await queue.enqueue('q', queue.createMessage('t', i));
    let handled = 0;
    queue.subscribe('q', () => void handled++, { concurrency: 10 });
    await vi.waitFor(() => expect(provider.heldTakes).toEqual([5, 5]));
    provider.openGate();
    await vi.waitFor(() => expect(handled).toBe(30));
    await vi.waitFor(() => expect(provider.waits).toBe(1));
    await turns();
    expect(provider.maxWaits).toBe(1);
    await queue.disconnect();
  });
});

describe('subscription lanes and failures', () => {
  it('reports a take failure once when both lanes fail together, and again after each pause', async () => {
    const clock = new ManualClock();
    const provider = new FailingTakeProvider({ clock });
    const queue = new MessageQueue({ provider, clock });
    await queue.connect();
    const errors: string[] = [];
    queue.on('error', (error) => errors.push(error.message));
    queue.subscribe('q', () => undefined, { concurrency: 10 });
    await vi.waitFor(() => expect(provider.failedTakes).toBe(2));
    await turns();
    expect(errors).toEqual(['store down']);
    // Both lanes pause 100 ms, fail again together, and the failure is reported once more.
    await clock.advance(100);
    await vi.waitFor(() => expect(provider.failedTakes).toBe(4));
    await turns();
    expect(errors).toEqual(['store down', 'store down']);
    provider.failing = false;
    await queue.disconnect();
  });
});

/** The in-memory provider whose takes fail while `failing` is set. */
class FailingTakeProvider extends InMemoryProvider {
  failing = true;
  failedTakes = 0;

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    if (this.failing) {
      this.failedTakes++;
      throw new ProviderUnavailableError('store down');
    }
    return super.doTake(queueName, options);
  }
}

/** The in-memory provider with takes held at a gate until it opens, counting waits for work. */
class GatedTakeProvider extends InMemoryProvider {
  heldTakes: number[] = [];
  waits = 0;
  maxWaits = 0;
  private open = false;
  private readonly held: (() => void)[] = [];

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    if (!this.open) {
      this.heldTakes.push(options.max);
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    return super.doTake(queueName, options);
  }

  override async doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    this.waits++;
    this.maxWaits = Math.max(this.maxWaits, this.waits);
    try {
      await super.doWaitForWork(queueName, signal);
    } finally {
      this.waits--;
    }
  }

  openGate(): void {
    this.open = true;
    for (const release of this.held.splice(0)) release();
  }
}

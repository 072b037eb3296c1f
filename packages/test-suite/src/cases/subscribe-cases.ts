import { MessageQueue, UnrecoverableError, isMqError } from '@mq/core';
import { priorityLevelQueueName, type QueueProvider } from '@mq/core/provider';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** subscribe: handlers, concurrency, retries, timeouts, shutdown, and no busy polling. */
export function subscribeCases(h: ContractHarness): void {
  it('processes messages by priority and acks them', async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'low', { priority: 1 }));
    await queue.enqueue('q', queue.createMessage('t', 'high', { priority: 10 }));
    const seen: unknown[] = [];
    queue.subscribe('q', (m) => {
      seen.push(m.payload);
    });
    await h.eventually(async () => expect((await queue.getStats('q')).completedMessages).toBe(2));
    expect(seen).toEqual(['high', 'low']);
  });

  it('wakes an idle subscriber on enqueue and when a delayed message falls due', async () => {
    const { queue, clock } = await h.setup();
    const seen: unknown[] = [];
    queue.subscribe('q', (m) => {
      seen.push(m.payload);
    });
    await queue.enqueue('q', queue.createMessage('t', 'now'));
    await h.eventually(() => expect(seen).toEqual(['now']));
    await queue.enqueue('q', queue.createMessage('t', 'later', { delayMs: 3000 }));
    await clock.advance(2999);
    expect(seen).toEqual(['now']);
    await clock.advance(1);
    await h.eventually(() => expect(seen).toEqual(['now', 'later']));
  });

  h.it('never runs more than `concurrency` handlers at once', { counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    let running = 0;
    let peak = 0;
    const gate = deferred();
    queue.subscribe('q', async () => {
      running++;
      peak = Math.max(peak, running);
      await gate.promise;
      running--;
    }, { concurrency: 3 });
    await queue.enqueueMany('q', Array.from({ length: 10 }, (_, n) => queue.createMessage('t', n)));
    await h.eventually(() => expect(running).toBe(3));
    expect(await queue.size('q')).toBe(7);
    gate.resolve();
    await h.eventually(async () => expect((await queue.getStats('q')).completedMessages).toBe(10));
    expect(peak).toBe(3);
  });

  it('retries a throwing handler with backoff, then completes', async () => {
    const { queue, clock } = await h.setup();
    const attempts: number[] = [];
    queue.subscribe('q', (m) => {
      attempts.push(m.attempts);
      if (m.attempts < 3) throw new Error(`flaky ${m.attempts}`);
    });
    const completed = h.nextEvent(queue, 'completed');
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    await h.eventually(() => expect(attempts).toEqual([1]));
    await clock.advance(1000);
    await h.eventually(() => expect(attempts).toEqual([1, 2]));
    await clock.advance(1999);
    expect(attempts).toEqual([1, 2]);
    await clock.advance(1);
    const [event] = await completed;
    expect(event.message.attempts).toBe(3);
    expect(event.message.lastError?.message).toBe('flaky 2');
  });

  it('dead-letters when a handler throws UnrecoverableError', async () => {
    const { queue } = await h.setup();
    queue.subscribe('q', () => {
      throw new UnrecoverableError('never');
    });
    const dead = h.nextEvent(queue, 'deadLetter');
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    expect((await dead)[0].message.attempts).toBe(1);
  });

  it('aborts the signal and retries when a handler exceeds timeoutMs', async () => {
    const { queue, clock } = await h.setup();
    const reasons: unknown[] = [];
    let calls = 0;
    queue.subscribe('q', (_m, { signal }) => {
      calls++;
      if (calls > 1) return undefined;
      return new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => {
        reasons.push(signal.reason);
        reject(signal.reason as Error);
      }));
    }, { timeoutMs: 500 });
    const retrying = h.nextEvent(queue, 'retrying');
    await queue.enqueue('q', queue.createMessage('t', 'slow'));
    await h.eventually(() => expect(calls).toBe(1));
    await clock.advance(500);
    const [event] = await retrying;
    expect(event.error).toSatisfy((e) => isMqError(e, 'MQ_HANDLER_TIMEOUT'));
    expect(reasons[0]).toSatisfy((e) => isMqError(e, 'MQ_HANDLER_TIMEOUT'));
    await clock.advance(1000);
    await h.eventually(async () => expect((await queue.getStats('q')).completedMessages).toBe(1));
  });

  h.it('close() stops taking messages and waits for handlers in flight', { counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    const gate = deferred();
    let started = 0;
    const subscription = queue.subscribe('q', async () => {
      started++;
      await gate.promise;
    });
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n)));
    await h.eventually(() => expect(started).toBe(1));
    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    expect(started).toBe(1);
    expect(await queue.getStats('q')).toMatchObject({ completedMessages: 1, pendingMessages: 1, processingMessages: 0 });
  });

  it('close() aborts handlers after closeTimeoutMs and gives their messages back unharmed', async () => {
    const { queue, clock } = await h.setup();
    let aborted = false;
    let started = false;
    const subscription = queue.subscribe('q', (_m, { signal }) => new Promise<void>((_resolve, reject) => {
      started = true;
      signal.addEventListener('abort', () => {
        aborted = true;
        reject(new Error('stopped'));
      });
    }), { closeTimeoutMs: 1000 });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    // The handler itself must be running: on a store whose count shows a message in flight as soon
    // as it is received (SQS), processingMessages is 1 before the handler starts, and a close then
    // gives the message back without running it (nothing to abort).
    await h.eventually(() => expect(started).toBe(true));
    await h.eventually(async () => expect((await queue.getStats('q')).processingMessages).toBe(1));
    const closing = subscription.close();
    await clock.advance(1000);
    await closing;
    expect(aborted).toBe(true);
    await h.eventually(async () => expect((await queue.getStats('q')).processingMessages).toBe(0));
    expect((await queue.dequeue('q'))?.attempts).toBe(1);
  });

  it('does not poll while idle', async () => {
    const { provider, clock } = await h.setup();
    let takes = 0;
    const counting = new Proxy(provider, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        // One count per take of the core: where the core keeps each priority in a store queue of its
        // own (a store without priorities), a take visits them all, starting at the highest level.
        const counted = (queueName: unknown): boolean => queueName === 'idle' || queueName === priorityLevelQueueName('idle', 10);
        if (key === 'doTake' && typeof value === 'function') return (...args: unknown[]) => (counted(args[0]) && takes++, Reflect.apply(value, target, args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as QueueProvider;
    const queue = new MessageQueue({ provider: counting, clock });
    await queue.connect();
    try {
      queue.subscribe('idle', () => undefined, { concurrency: 10 });
      await h.eventually(() => expect(takes).toBeGreaterThanOrEqual(1));
      const before = takes;
      await clock.advance(60_000);
      // A store that waits inside its take (blockingTake, e.g. SQS long polling) is asked at most
      // once per long poll (20 s): 3 in a minute. Any other store is not asked again (at most the
      // one re-check that may have been in flight).
      expect(takes - before).toBeLessThanOrEqual(provider.capabilities.blockingTake === true ? 3 : 1);
    } finally {
      await queue.disconnect();
    }
  });
}

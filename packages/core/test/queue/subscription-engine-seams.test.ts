import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock/manual-clock.js';
import type { ResolvedSubscribeOptions } from '../../src/queue/subscribe-options.js';
import { BLOCKING_TAKE_WAIT_MS, QueueSubscription } from '../../src/queue/subscription.js';
import { EngineDouble } from './support/engine-double.js';

const options = (concurrency: number): ResolvedSubscribeOptions => ({ concurrency, leaseMs: 30_000, timeoutMs: 30_000, closeTimeoutMs: 10_000 });

describe('a subscription on a provider with a blocking take', () => {
  it('takes with waitMs, takes again when a take comes back empty, and never calls waitForWork', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock, { blockingTake: true });
    const handled: string[] = [];
    const subscription = new QueueSubscription(engine, 'q', (message) => void handled.push(message.id), options(4), () => undefined);
    await vi.waitFor(() => expect(engine.pendingTakes).toBe(1));
    const ids = engine.push(6);
    await vi.waitFor(() => expect(handled).toEqual(ids));
    await vi.waitFor(() => expect(engine.pendingTakes).toBe(1));
    const takesBefore = engine.takes.length;
    // Nothing came within waitMs: the take answers empty and the next one goes out at once.
    await clock.advance(BLOCKING_TAKE_WAIT_MS);
    await vi.waitFor(() => expect(engine.takes.length).toBe(takesBefore + 1));
    expect(engine.pendingTakes).toBe(1);
    expect(engine.takes.map((take) => take.waitMs)).toEqual(engine.takes.map(() => BLOCKING_TAKE_WAIT_MS));
    expect(engine.waitsForWork).toBe(0);
    await subscription.close();
    expect(engine.acked).toEqual(ids);
  });

  it('runs one lane from 8 slots on too: one take waits for work, asking for every slot', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock, { blockingTake: true });
    const subscription = new QueueSubscription(engine, 'q', () => undefined, options(10), () => undefined);
    await vi.waitFor(() => expect(engine.pendingTakes).toBe(1));
    expect(engine.takes.map((take) => take.max)).toEqual([10]);
    await subscription.close();
  });

  it('close() ends the subscription while a blocking take is pending, and gives back what that take brings later', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock, { blockingTake: true });
    const handled: string[] = [];
    let closedCallbacks = 0;
    const subscription = new QueueSubscription(engine, 'q', (message) => void handled.push(message.id), options(4), () => closedCallbacks++);
    await vi.waitFor(() => expect(engine.pendingTakes).toBe(1));
    let closed = false;
    void subscription.close().then(() => (closed = true));
    // No clock time passes: close() does not wait for the take to answer.
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(closedCallbacks).toBe(1);
    expect(engine.pendingTakes).toBe(1);
    const late = engine.push(2);
    await vi.waitFor(() => expect(engine.released).toEqual(late));
    expect(handled).toEqual([]);
    expect(engine.errors).toEqual([]);
  });
});

describe('a subscription runs its handlers through engine.runHandler', () => {
  it('passes handler, message and context, and settles by what runHandler returns', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock);
    const order: string[] = [];
    const hookFailure = new Error('hook failed');
    engine.runHandlerWith = async (run, message) => {
      order.push(`before ${message.id}`);
      await run();
      order.push(`after ${message.id}`);
      if (message.id === 'm1') throw hookFailure;
    };
    const handler = (message: { id: string }): void => void order.push(`handler ${message.id}`);
    const subscription = new QueueSubscription(engine, 'q', handler, options(1), () => undefined);
    engine.push(2);
    await vi.waitFor(() => expect(engine.acked.length + engine.nacked.length).toBe(2));
    expect(order).toEqual(['before m0', 'handler m0', 'after m0', 'before m1', 'handler m1', 'after m1']);
    expect(engine.handlerRuns).toEqual([
      { messageId: 'm0', queueName: 'q' },
      { messageId: 'm1', queueName: 'q' },
    ]);
    // The handler itself succeeded for m1, but the run failed: the attempt fails with the run's error.
    expect(engine.acked).toEqual(['m0']);
    expect(engine.nacked).toEqual([{ id: 'm1', error: hookFailure }]);
    await subscription.close();
  });

  it('a handler that runHandler never calls does not run', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock);
    engine.runHandlerWith = () => Promise.resolve();
    let ran = 0;
    const subscription = new QueueSubscription(engine, 'q', () => void ran++, options(1), () => undefined);
    engine.push(1);
    await vi.waitFor(() => expect(engine.acked).toEqual(['m0']));
    expect(ran).toBe(0);
    await subscription.close();
  });

  it('takes a synchronous throw let through by runHandler as the failed attempt, and goes on', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock);
    const failure = new Error('sync throw');
    const subscription = new QueueSubscription(
      engine,
      'q',
      (message) => {
        if (message.id === 'm0') throw failure;
      },
      options(1),
      () => undefined,
    );
    engine.push(2);
    await vi.waitFor(() => expect(engine.acked).toEqual(['m1']));
    expect(engine.nacked).toEqual([{ id: 'm0', error: failure }]);
    expect(engine.errors).toEqual([]);
    await subscription.close();
  });
});

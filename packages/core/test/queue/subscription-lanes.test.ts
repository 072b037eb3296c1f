import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock/manual-clock.js';
import { ProviderUnavailableError } from '../../src/errors/provider-unavailable-error.js';
import type { ResolvedSubscribeOptions } from '../../src/queue/subscribe-options.js';
import { QueueSubscription } from '../../src/queue/subscription.js';
import { laneSizes } from '../../src/queue/subscription-lane.js';
import { EngineDouble } from './support/engine-double.js';

const options = (concurrency: number): ResolvedSubscribeOptions => ({ concurrency, leaseMs: 30_000, timeoutMs: 30_000, closeTimeoutMs: 10_000 });

describe('laneSizes', () => {
  it('keeps one lane below 8 slots and splits from 8 on into two of (nearly) half each', () => {
    expect([1, 7, 8, 9, 50].map(laneSizes)).toEqual([[1], [7], [4, 4], [5, 4], [25, 25]]);
  });
});

describe('a lane after failed takes', () => {
  it('pauses 100 ms, doubling to 5 s, and starts over at 100 ms after a take that worked', async () => {
    const clock = new ManualClock(0);
    const engine = new EngineDouble(clock);
    engine.failTakesWith = new ProviderUnavailableError('store down');
    const subscription = new QueueSubscription(engine, 'q', () => undefined, options(1), () => undefined);
    await clock.advance(13_100);
    expect(engine.takes.map((take) => take.at)).toEqual([0, 100, 300, 700, 1500, 3100, 6300, 11_300]);
    // The store comes back: the next take works (an empty queue: wait for work), then fails again.
    engine.failTakesWith = undefined;
    await clock.advance(3200);
    await vi.waitFor(() => expect(engine.waitsForWork).toBe(1));
    engine.failTakesWith = new ProviderUnavailableError('store down');
    engine.push(0);
    await vi.waitFor(() => expect(engine.takes).toHaveLength(10));
    await clock.advance(100);
    await vi.waitFor(() => expect(engine.takes).toHaveLength(11));
    expect(engine.takes.slice(8).map((take) => take.at)).toEqual([16_300, 16_300, 16_400]);
    await subscription.close();
  });
});

describe('totals over the lanes', () => {
  it('counts running handlers over both lanes, and close() waits for the acks in flight in each', async () => {
    const clock = new ManualClock();
    const engine = new EngineDouble(clock);
    let openAcks = (): void => undefined;
    engine.ackGate = new Promise<void>((resolve) => (openAcks = resolve));
    let finish = (): void => undefined;
    const handlersMayFinish = new Promise<void>((resolve) => (finish = resolve));
    engine.push(10);
    const subscription = new QueueSubscription(engine, 'q', () => handlersMayFinish, options(10), () => undefined);
    await vi.waitFor(() => expect(subscription.active).toBe(10));
    expect(engine.takes.map((take) => take.max)).toEqual([5, 5]);
    finish();
    await vi.waitFor(() => expect(subscription.active).toBe(0));
    let closed = false;
    void subscription.close().then(() => (closed = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    openAcks();
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(engine.acked).toHaveLength(10);
    expect(subscription.closed).toBe(true);
  });
});

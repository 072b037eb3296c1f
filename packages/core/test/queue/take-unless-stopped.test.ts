import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ReceivedMessage } from '../../src/message/queue-message.js';
import { takeUnlessStopped } from '../../src/queue/take-unless-stopped.js';

/** A take whose answer the test gives. */
function pendingTake(): { taking: Promise<ReceivedMessage[]>; answer: (batch: ReceivedMessage[]) => void; fail: (error: Error) => void } {
  let answer: (batch: ReceivedMessage[]) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const taking = new Promise<ReceivedMessage[]>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { taking, answer, fail };
}

const batch = [{ id: 'm0' }, { id: 'm1' }] as unknown as ReceivedMessage[];

describe('takeUnlessStopped', () => {
  it("hands on the take's answer (or failure) and drops its abort listener", async () => {
    const stop = new AbortController();
    const answered = pendingTake();
    const given: ReceivedMessage[][] = [];
    const result = takeUnlessStopped(answered.taking, stop.signal, async (late) => void given.push(late));
    answered.answer(batch);
    await expect(result).resolves.toBe(batch);
    const failed = pendingTake();
    const failure = takeUnlessStopped(failed.taking, stop.signal, async (late) => void given.push(late));
    failed.fail(new Error('store down'));
    await expect(failure).rejects.toThrow('store down');
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    stop.abort();
    expect(given).toEqual([]);
  });

  it('resolves empty at once on abort, and gives back what the take brings later', async () => {
    const stop = new AbortController();
    const late = pendingTake();
    const given: ReceivedMessage[][] = [];
    const result = takeUnlessStopped(late.taking, stop.signal, async (batchLate) => void given.push(batchLate));
    stop.abort();
    await expect(result).resolves.toEqual([]);
    late.answer(batch);
    await vi.waitFor(() => expect(given).toEqual([batch]));
  });

  it('drops a failure that comes after the abort (the subscription closed)', async () => {
    const stop = new AbortController();
    const late = pendingTake();
    const given: ReceivedMessage[][] = [];
    const result = takeUnlessStopped(late.taking, stop.signal, async (batchLate) => void given.push(batchLate));
    stop.abort();
    await expect(result).resolves.toEqual([]);
    late.fail(new Error('connection closed'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(given).toEqual([]);
  });
});

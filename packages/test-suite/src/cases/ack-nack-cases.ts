import { UnrecoverableError } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** ack completes; nack retries with exponential backoff (1 s, 2 s, 4 s …, capped at 30 s). */
export function ackNackCases(h: ContractHarness): void {
  it('removes an acked message for good', async () => {
    const { queue, clock, raw } = await h.setup({ visibilityTimeoutMs: 100 });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const message = await queue.dequeue('q');
    if (message === null) throw new Error('expected a message');
    await queue.ack(message);
    await clock.advance(10_000);
    expect(await queue.dequeue('q')).toBeNull();
    expect(await raw('q')).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 0 && c.dead === 0));
  });

  it('retries a nacked message after 1 s, 2 s, 4 s and keeps the last error', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'x', { maxRetries: 5 }));
    for (const [attempt, backoffMs] of [[1, 1000], [2, 2000], [3, 4000]] as const) {
      const message = await queue.dequeue('q');
      expect(message?.attempts).toBe(attempt);
      if (message === null) throw new Error('expected a message');
      expect(await queue.nack(message, new Error(`fail ${attempt}`))).toEqual({ deadLettered: false, retryInMs: backoffMs });
      await clock.advance(backoffMs - 1);
      expect(await queue.dequeue('q')).toBeNull();
      await clock.advance(1);
    }
    const fourth = await queue.dequeue('q');
    expect(fourth).toMatchObject({ attempts: 4, lastError: { name: 'Error', message: 'fail 3' } });
  });

  it('caps the backoff at 30 s', async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'x', { maxRetries: 10 }));
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const message = await queue.dequeue('q');
      if (message === null) throw new Error('expected a message');
      const result = await queue.nack(message);
      delays.push(result.retryInMs ?? -1);
      await clock.advance(result.retryInMs ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('emits failed and retrying with the next attempt and delay', async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const message = await queue.dequeue('q');
    if (message === null) throw new Error('expected a message');
    const failed = h.nextEvent(queue, 'failed');
    const retrying = h.nextEvent(queue, 'retrying');
    await queue.nack(message, new Error('boom'));
    expect((await failed)[0]).toMatchObject({ queueName: 'q', willRetry: true });
    expect((await retrying)[0]).toMatchObject({ queueName: 'q', delayMs: 1000, nextAttempt: 2 });
  });

  h.it('dead-letters at once on an UnrecoverableError', { deadLetters: 'listable' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 'x', { maxRetries: 5 }));
    const message = await queue.dequeue('q');
    if (message === null) throw new Error('expected a message');
    expect(await queue.nack(message, new UnrecoverableError('bad input'))).toEqual({ deadLettered: true });
    expect(await queue.dequeue('q')).toBeNull();
    expect((await queue.deadLetters('q'))[0]).toMatchObject({ id: message.id, attempts: 1, error: { code: 'MQ_UNRECOVERABLE', message: 'bad input' } });
  });

  it('uses a custom retry strategy', async () => {
    const { queue, clock } = await h.setup({ retry: { strategy: (attempt) => attempt * 100 } });
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const first = await queue.dequeue('q');
    if (first === null) throw new Error('expected a message');
    expect((await queue.nack(first)).retryInMs).toBe(100);
    await clock.advance(100);
    const second = await queue.dequeue('q');
    if (second === null) throw new Error('expected a message');
    expect((await queue.nack(second)).retryInMs).toBe(200);
  });
}

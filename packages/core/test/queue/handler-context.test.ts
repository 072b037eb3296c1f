import { isMqError, ManualClock, type HandlerContext } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';

describe('handler context', () => {
  it('keeps signal and queueName when the handler copies the context', async () => {
    const clock = new ManualClock();
    const queue = createInMemoryQueue({ clock });
    await queue.connect();
    const copies: HandlerContext[] = [];
    const reasons: unknown[] = [];
    queue.subscribe('q', (_message, context) => {
      const spread = { ...context };
      const assigned: HandlerContext = Object.assign({}, context);
      copies.push(spread, assigned);
      return new Promise<void>((_resolve, reject) => {
        spread.signal.addEventListener('abort', () => {
          reasons.push(spread.signal.reason);
          reject(spread.signal.reason as Error);
        });
      });
    }, { timeoutMs: 500 });
    await queue.enqueue('q', queue.createMessage('t', 'slow'));
    await vi.waitFor(() => expect(copies).toHaveLength(2));
    for (const copy of copies) {
      expect(copy.queueName).toBe('q');
      expect(copy.signal).toBeInstanceOf(AbortSignal);
      expect(copy.signal.aborted).toBe(false);
    }
    expect(Object.keys(copies[0] ?? {}).sort()).toEqual(['queueName', 'signal']);
    await clock.advance(500);
    await vi.waitFor(() => expect(reasons).toHaveLength(1));
    expect(reasons[0]).toSatisfy((e) => isMqError(e, 'MQ_HANDLER_TIMEOUT'));
    expect(copies[1]?.signal.aborted).toBe(true);
    await queue.disconnect();
  });
});

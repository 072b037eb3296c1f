import { describe, expect, it } from 'vitest';
import { InMemoryProvider } from '@mq/memory';
import { MessageQueue } from '../../src/index.js';
import { IdempotencyWindows } from '../../src/queue/idempotency-windows.js';

describe('IdempotencyWindows', () => {
  it('is twice enqueueTimeoutMs by default (20 s; 0 without enqueue retries; at most 24 h); a queue may set it; 0 is off', () => {
    const windows = new IdempotencyWindows(10_000, undefined, { orders: 300_000, off: 0 });
    expect(windows.windowOf('q')).toBe(20_000);
    expect(new IdempotencyWindows(0, undefined, {}).windowOf('q')).toBe(0);
    expect(new IdempotencyWindows(60_000_000, undefined, {}).windowOf('q')).toBe(86_400_000);
    expect(new IdempotencyWindows(10_000, 0, {}).windowOf('q')).toBe(0);
    expect(new IdempotencyWindows(10_000, 20_000, {}).windowOf('q')).toBe(20_000);
    expect(windows.windowOf('orders')).toBe(300_000);
    expect(windows.windowOf('off')).toBe(0);
  });

  it.each([-1, 1.5, '20000', 86_400_001])('refuses idempotencyWindowMs %s with MQ_INVALID_CONFIG naming the field and the range', (value) => {
    expect(() => new MessageQueue({ provider: new InMemoryProvider(), idempotencyWindowMs: value as number })).toThrow(
      expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringContaining('from 0 (off) to 86400000') }),
    );
  });

  it('refuses a bad per-queue window, naming the queue', () => {
    expect(() => new MessageQueue({ provider: new InMemoryProvider(), queueIdempotencyWindowMs: { orders: -5 } })).toThrow(
      expect.objectContaining({ code: 'MQ_INVALID_CONFIG', details: expect.objectContaining({ field: 'queueIdempotencyWindowMs.orders' }) }),
    );
    expect(() => new MessageQueue({ provider: new InMemoryProvider(), queueIdempotencyWindowMs: [] as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
  });
});

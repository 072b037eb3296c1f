import { ManualClock, MessageQueue, ProviderUnavailableError, ValidationError } from '@mq/core';
import type { QueueProvider } from '@mq/core/provider';
import { createInMemoryProvider } from '@mq/memory';
import { describe, expect, test } from 'vitest';
import { settleWithRetry } from '../../src/queue/settle-with-retry.js';

// Found by the fault suite (case 4): an ack in flight when the connection to Redis was reset
// failed, and the finished message was delivered again once its lease expired.
describe('settleWithRetry', () => {
  test('tries again while the store is unreachable and the lease holds', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const settled = settleWithRetry(
      async () => {
        calls++;
        if (calls < 3) throw new ProviderUnavailableError('down');
        return 'ok';
      },
      clock,
      clock.now() + 5000,
    );
    await clock.advance(1000);
    await expect(settled).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  test('gives up when the next try would come after the lease ends', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const settled = settleWithRetry(() => {
      calls++;
      return Promise.reject(new ProviderUnavailableError('down'));
    }, clock, clock.now() + 500);
    const outcome = expect(settled).rejects.toThrow('down');
    await clock.advance(1000);
    await outcome;
    expect(calls).toBe(3);
  });

  test('does not retry other errors', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const settled = settleWithRetry(() => {
      calls++;
      return Promise.reject(new ValidationError('MQ_INVALID_ARGUMENT', 'bad'));
    }, clock, clock.now() + 5000);
    await expect(settled).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });
});

test('a subscription acks again after a dropped connection instead of letting the message come back', async () => {
  const clock = new ManualClock();
  const inner = createInMemoryProvider({ clock });
  let failAcks = 1;
  const provider = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'doAck') {
        return (...args: Parameters<QueueProvider['doAck']>) => {
          if (failAcks-- > 0) return Promise.reject(new ProviderUnavailableError('connection reset'));
          return target.doAck(...args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const queue = new MessageQueue({ provider, clock, visibilityTimeoutMs: 5000 });
  await queue.connect();
  const handled: number[] = [];
  const errors: Error[] = [];
  queue.on('error', (error) => errors.push(error));
  queue.subscribe('q', (message) => void handled.push(message.attempts));
  await queue.enqueue('q', queue.createMessage('t', {}));
  await clock.advance(20_000);
  expect(handled).toEqual([1]);
  expect(errors).toEqual([]);
  expect((await queue.getStats('q')).completedMessages).toBe(1);
  await queue.disconnect();
});

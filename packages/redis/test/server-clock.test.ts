import { MessageQueue } from '@mq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testProvider, uniquePrefix } from './support/test-redis.js';

const open: MessageQueue[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const q of open.splice(0)) await q.disconnect();
});

async function queueOn(prefix: string): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider: testProvider({ prefix }) });
  open.push(queue);
  await queue.connect();
  return queue;
}

/** Without an injected clock, due times are judged by the Redis server's TIME, not this process's clock. */
describe.each([10 * 60_000, -10 * 60_000])('a process whose clock is off by %i ms', (skewMs) => {
  it('neither runs a delayed message early nor holds it back', async () => {
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skewMs);
    const prefix = uniquePrefix('skew');
    const producer = await queueOn(prefix);
    const consumer = await queueOn(prefix);
    await producer.enqueue('later', producer.createMessage('t', 'x', { delayMs: 400 }));
    expect(await consumer.dequeue('later')).toBeNull();
    const seen: unknown[] = [];
    consumer.subscribe('later', (m) => void seen.push(m.payload));
    await vi.waitFor(() => expect(seen).toEqual(['x']), { timeout: 5000, interval: 20 });
  });
});

import { isMqError, MessageQueue } from '@mq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testProvider, uniquePrefix } from './support/test-redis.js';

const open: MessageQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.disconnect();
});

async function instance(prefix: string, cluster: boolean): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider: testProvider({ prefix, cluster }), retry: { jitter: 0 } });
  open.push(queue);
  await queue.connect();
  return queue;
}

/** Two instances with their own connections, as two processes would have, judged by the server's clock. */
describe.each([false, true])('instances sharing one queue (cluster=%s)', (cluster) => {
  it("fences a late ack: the old holder's ack is refused and the new holder's outcome stands", async () => {
    const prefix = uniquePrefix('fence');
    const a = await instance(prefix, cluster);
    const b = await instance(prefix, cluster);
    await a.enqueue('jobs', a.createMessage('t', 'x', { id: 'm1' }));
    const first = await a.dequeue('jobs', { visibilityTimeoutMs: 50 });
    expect(first?.attempts).toBe(1);
    const second = await vi.waitFor(
      async () => {
        const taken = await b.dequeue('jobs');
        if (taken === null) throw new Error('lease not expired yet');
        return taken;
      },
      { timeout: 5000, interval: 20 },
    );
    expect(second.attempts).toBe(2);
    if (first === null) throw new Error('expected a message');
    await expect(a.ack(first)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    await expect(a.nack(first, new Error('late'))).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    await b.ack(second);
    expect(await a.getStats('jobs')).toMatchObject({ completedMessages: 1, pendingMessages: 0, processingMessages: 0 });
  });

  it('answers stats and dead letters the same from every instance', async () => {
    const prefix = uniquePrefix('shared');
    const a = await instance(prefix, cluster);
    const b = await instance(prefix, cluster);
    await a.enqueueMany('jobs', [a.createMessage('t', 1, { id: 'ok' }), a.createMessage('t', 2, { id: 'bad', maxRetries: 0 }), a.createMessage('t', 3, { id: 'wait', delayMs: 60_000 })]);
    const m1 = await b.dequeue('jobs');
    const m2 = await b.dequeue('jobs');
    for (const m of [m1, m2]) if (m) await (m.id === 'ok' ? b.ack(m) : b.nack(m, new Error('broken')));
    const [statsA, statsB] = [await a.getStats(), await b.getStats()];
    expect(statsA).toEqual(statsB);
    expect(statsA).toMatchObject({ completedMessages: 1, failedMessages: 1, pendingMessages: 1, queues: ['jobs'] });
    expect((await a.deadLetters('jobs')).map((d) => [d.id, d.error.message])).toEqual([['bad', 'broken']]);
    expect(await b.deadLetters('jobs')).toEqual(await a.deadLetters('jobs'));
    expect(await a.replayDeadLetters('jobs')).toMatchObject({ replayed: ['bad'] });
    expect(await b.deadLetters('jobs')).toEqual([]);
    expect((await b.dequeue('jobs'))?.attempts).toBe(1);
  });
});

import { MessageQueue, type ActivityEvent } from '@mq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testProvider, uniquePrefix } from './support/test-redis.js';

const open: MessageQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.disconnect();
});

async function instance(prefix: string, cluster: boolean, publishEvents: boolean): Promise<MessageQueue> {
  const queue = new MessageQueue({ provider: testProvider({ prefix, cluster }), publishEvents, retry: { jitter: 0 } });
  open.push(queue);
  await queue.connect();
  return queue;
}

describe.each([false, true])('events across instances (cluster=%s)', (cluster) => {
  it('delivers completed and deadLetter events of one instance to another', async () => {
    const prefix = uniquePrefix('ev');
    const worker = await instance(prefix, cluster, true);
    const watcher = await instance(prefix, cluster, false);
    const seen: ActivityEvent[] = [];
    const stop = await watcher.subscribeEvents((event) => seen.push(event));

    await worker.enqueue('chat', worker.createMessage('chat', { text: 'hi' }, { id: 'ok-1', userId: 'u1' }));
    await worker.enqueue('chat', worker.createMessage('chat', { text: 'bad' }, { id: 'bad-1', maxRetries: 0 }));
    const ok = await worker.dequeue('chat');
    const bad = await worker.dequeue('chat');
    if (ok === null || bad === null) throw new Error('expected two messages');
    await worker.ack(ok.id === 'ok-1' ? ok : bad);
    await worker.nack(ok.id === 'ok-1' ? bad : ok, new Error('nope'));

    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 5000 });
    const completed = seen.find((e) => e.event === 'completed');
    const dead = seen.find((e) => e.event === 'deadLetter');
    expect(completed).toMatchObject({ queueName: 'chat', message: { id: 'ok-1', payload: { text: 'hi' }, metadata: { userId: 'u1' } } });
    expect(dead).toMatchObject({ queueName: 'chat', message: { id: 'bad-1' }, error: { message: 'nope' } });

    await stop();
    await worker.enqueue('chat', worker.createMessage('chat', 'after'));
    const after = await worker.dequeue('chat');
    if (after) await worker.ack(after);
    // A marker published after the unsubscribe would have arrived after this second listener's event.
    const second: ActivityEvent[] = [];
    const stopSecond = await watcher.subscribeEvents((event) => second.push(event));
    await worker.enqueue('chat', worker.createMessage('chat', 'marker', { id: 'marker' }));
    const marker = await worker.dequeue('chat');
    if (marker) await worker.ack(marker);
    await vi.waitFor(() => expect(second.map((e) => e.message.id)).toContain('marker'), { timeout: 5000 });
    expect(seen).toHaveLength(2);
    await stopSecond();
  });
});

import { createMessageQueue, isMqError, ManualClock, MessageQueue, ProviderUnavailableError } from '@mq/core';
import { createInMemoryQueue, InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

async function twoInstances(queues?: readonly string[]): Promise<{ app: MessageQueue; other: MessageQueue }> {
  const clock = new ManualClock();
  const provider = new InMemoryProvider({ clock });
  const app = new MessageQueue({ provider, clock, ...(queues === undefined ? {} : { queues }) });
  const other = new MessageQueue({ provider, clock });
  await Promise.all([app.connect(), other.connect()]);
  return { app, other };
}

describe('the queues an app owns', () => {
  it('lists the declared queues and those this instance used; allQueues lists everything the provider has', async () => {
    const { app, other } = await twoInstances(['declared_b', 'declared_a']);
    expect(await app.listQueues()).toEqual(['declared_a', 'declared_b']);
    await app.enqueue('enqueued', app.createMessage('t', 1));
    await app.dequeue('dequeued');
    app.subscribe('subscribed', () => undefined);
    await other.enqueue('foreign', other.createMessage('t', 2));
    // Reading a queue does not make it the app's.
    expect(await app.size('peeked')).toBe(0);
    expect(await app.listQueues()).toEqual(['declared_a', 'declared_b', 'dequeued', 'enqueued', 'subscribed']);
    expect(await app.listQueues({ allQueues: true })).toEqual(expect.arrayContaining(['dequeued', 'enqueued', 'subscribed', 'foreign', 'peeked']));
    expect(await other.listQueues()).toEqual(['foreign']);
    await Promise.all([app.disconnect(), other.disconnect()]);
  });

  it('getStats() covers listQueues(); getStats({ allQueues: true }) covers every queue of the provider', async () => {
    const { app, other } = await twoInstances(['idle']);
    await app.enqueue('mine', app.createMessage('t', 1));
    await other.enqueueMany('theirs', [2, 3].map((n) => other.createMessage('t', n)));
    expect(await app.getStats()).toMatchObject({ queues: ['idle', 'mine'], pendingMessages: 1, totalMessages: 1 });
    expect(await app.getStats({})).toMatchObject({ queues: ['idle', 'mine'], pendingMessages: 1 });
    expect(await app.getStats({ allQueues: true })).toMatchObject({ queues: ['idle', 'mine', 'theirs'], pendingMessages: 3 });
    expect(await app.getStats('theirs')).toMatchObject({ queueName: 'theirs', pendingMessages: 2 });
    await Promise.all([app.disconnect(), other.disconnect()]);
  });

  it('deleteQueue() removes a queue from the declared and used lists until it is used again', async () => {
    const { app, other } = await twoInstances(['declared']);
    await app.enqueue('used', app.createMessage('t', 1));
    await app.deleteQueue('declared');
    await app.deleteQueue('used');
    expect(await app.listQueues()).toEqual([]);
    expect((await app.getStats()).queues).toEqual([]);
    expect(await other.listQueues({ allQueues: true })).toEqual([]);
    await app.enqueue('used', app.createMessage('t', 2));
    expect(await app.listQueues()).toEqual(['used']);
    // A queue this instance is subscribed to stays in use.
    const subscription = app.subscribe('consumed', () => undefined);
    await app.deleteQueue('consumed');
    expect(await app.listQueues()).toEqual(['consumed', 'used']);
    await subscription.close();
    await app.deleteQueue('consumed');
    expect(await app.listQueues()).toEqual(['used']);
    expect(await app.getStats('used')).toMatchObject({ pendingMessages: 1, totalMessages: 1 });
    await Promise.all([app.disconnect(), other.disconnect()]);
  });

  it('getStats() rejects while the store does not answer, whether or not there are queues to count', async () => {
    const provider = new InMemoryProvider();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    provider.doHealthCheck = () => Promise.resolve(false);
    provider.doCount = () => Promise.reject(new ProviderUnavailableError('store down'));
    await expect(queue.getStats()).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    await expect(queue.getStats({ allQueues: true })).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    await queue.dequeue('q');
    await expect(queue.getStats()).rejects.toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    await queue.disconnect();
  });

  it('refuses a bad queues option at construction, in every factory', () => {
    const bad = ['chat_messages', 'has space'];
    for (const create of [
      () => createInMemoryQueue({ queues: bad }),
      () => createMessageQueue({ queues: bad }),
      () => new MessageQueue({ provider: new InMemoryProvider(), queues: bad }),
    ]) {
      expect(create).toThrow(expect.objectContaining({ code: 'MQ_INVALID_QUEUE_NAME', message: expect.stringMatching(/queues\[1\]/) }));
    }
    expect(() => createInMemoryQueue({ queues: 'chat_messages' as never })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
  });

  it('refuses bad arguments to listQueues, getStats and deleteQueue', async () => {
    const queue = createInMemoryQueue();
    await queue.connect();
    await expect(queue.listQueues('all' as never)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    await expect(queue.listQueues({ allQueues: 'yes' as never })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    await expect(queue.getStats(42 as never)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    await expect(queue.deleteQueue('a b')).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await queue.disconnect();
  });
});

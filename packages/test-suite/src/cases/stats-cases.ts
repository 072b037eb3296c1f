import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** getStats() in the spec's shape, over the app's queues (or all of the store's) and for one. */
export function statsCases(h: ContractHarness): void {
  h.it('counts pending, processing, completed and failed over all queues', { counts: 'exact' }, async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueueMany('chat_messages', [1, 2, 3, 4].map((n) => queue.createMessage('t', n, { maxRetries: 0 })));
    await queue.enqueue('agent_responses', queue.createMessage('t', 'later', { delayMs: 1000 }));
    const done = await queue.dequeue('chat_messages');
    await clock.advance(40);
    if (done === null) throw new Error('expected a message');
    await queue.ack(done);
    const failed = await queue.dequeue('chat_messages');
    if (failed === null) throw new Error('expected a message');
    await queue.nack(failed);
    await queue.dequeue('chat_messages');
    const stats = await queue.getStats();
    expect(stats).toEqual({
      totalMessages: 5,
      pendingMessages: 2,
      processingMessages: 1,
      completedMessages: 1,
      failedMessages: 1,
      avgProcessingTime: 40,
      queues: ['agent_responses', 'chat_messages'],
      provider: queue.providerName,
      healthy: true,
    });
  });

  h.it('reports one queue with its ready/delayed split', { counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', 1));
    await queue.enqueue('q', queue.createMessage('t', 2, { delayMs: 5000 }));
    await queue.enqueue('other', queue.createMessage('t', 3));
    // oldestMessageAgeMs is optional (its own case below).
    const { oldestMessageAgeMs: _age, ...stats } = await queue.getStats('q');
    expect(stats).toEqual({
      totalMessages: 2,
      pendingMessages: 2,
      processingMessages: 0,
      completedMessages: 0,
      failedMessages: 0,
      avgProcessingTime: 0,
      queues: ['q'],
      provider: queue.providerName,
      healthy: true,
      queueName: 'q',
      readyMessages: 1,
      delayedMessages: 1,
      // A provider with the admin seams says whether the queue is paused.
      ...(h.capabilities.admin ? { paused: false } : {}),
    });
  });

  h.it('averages processing time over completed messages', { counts: 'exact' }, async () => {
    const { queue, clock } = await h.setup();
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n)));
    const a = await queue.dequeue('q');
    await clock.advance(10);
    const b = await queue.dequeue('q');
    await clock.advance(25);
    if (a === null || b === null) throw new Error('expected messages');
    await queue.ack(a);
    await queue.ack(b);
    expect((await queue.getStats('q')).avgProcessingTime).toBe(30);
  });

  h.it('reports size as waiting messages only', { counts: 'exact' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueueMany('q', [1, 2, 3].map((n) => queue.createMessage('t', n)));
    await queue.dequeue('q');
    expect(await queue.size('q')).toBe(2);
    expect(await queue.size('unused')).toBe(0);
  });

  h.it('covers the queues this instance declared or used; allQueues covers every queue of the store', { counts: 'exact' }, async () => {
    const setup = await h.setup({ queues: ['declared'] });
    const peer = await setup.peer();
    await setup.queue.enqueue('mine', setup.queue.createMessage('t', 1));
    await peer.enqueueMany('theirs', [2, 3].map((n) => peer.createMessage('t', n)));
    expect(await setup.queue.listQueues()).toEqual(['declared', 'mine']);
    expect(await setup.queue.listQueues({ allQueues: true })).toEqual(['declared', 'mine', 'theirs']);
    expect(await setup.queue.getStats()).toMatchObject({ queues: ['declared', 'mine'], pendingMessages: 1 });
    expect(await setup.queue.getStats({ allQueues: true })).toMatchObject({ queues: ['declared', 'mine', 'theirs'], pendingMessages: 3 });
    expect(await peer.listQueues()).toEqual(['declared', 'theirs']);
  });

  h.it('marks stats as approximate where the store counts so, and they catch up', { counts: 'approximate' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueueMany('q', [1, 2].map((n) => queue.createMessage('t', n)));
    await queue.dequeue('q');
    expect(await queue.getStats()).toMatchObject({ approximate: true, queues: ['q'] });
    await h.eventually(async () => expect(await queue.getStats('q')).toMatchObject({ approximate: true, pendingMessages: 1, processingMessages: 1 }));
  });

  h.it('tells how long the oldest ready message has waited, where the provider can tell', { counts: 'exact' }, async () => {
    const { queue, clock } = await h.setup();
    const age = async (): Promise<number | undefined> => (await queue.getStats('q')).oldestMessageAgeMs;
    const reported = (await age()) !== undefined;
    // Optional for a provider; when it reports the age at all, it must be right.
    if (reported) expect(await age()).toBe(0);
    await queue.enqueue('q', queue.createMessage('t', 1, { priority: 2 }));
    await clock.advance(40);
    await queue.enqueue('q', queue.createMessage('t', 2, { priority: 9 }));
    await queue.enqueue('q', queue.createMessage('t', 3, { delayMs: 5 }));
    await clock.advance(10);
    if (reported) expect(await age()).toBe(50);
    // The oldest is the priority 2 message, though the others are taken first: 9, then the due 5.
    expect((await queue.dequeue('q'))?.payload).toBe(2);
    expect((await queue.dequeue('q'))?.payload).toBe(3);
    if (reported) expect(await age()).toBe(50);
    await queue.dequeue('q');
    if (reported) expect(await age()).toBe(0);
  });
}

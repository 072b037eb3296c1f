import { isMqError, type ReceivedMessage } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness, ContractSetup } from '../contract-harness.js';

/** A queue with one record of each kind: completed, dead, leased (returned), ready and delayed. */
async function populate({ queue }: ContractSetup, queueName: string): Promise<ReceivedMessage> {
  await queue.enqueueMany(queueName, ['done', 'dead', 'held', 'ready'].map((id) => queue.createMessage('t', id, { id, maxRetries: 0 })));
  await queue.enqueue(queueName, queue.createMessage('t', 'later', { id: 'later', delayMs: 1000 }));
  const taken: ReceivedMessage[] = [];
  for (let i = 0; i < 3; i++) {
    const message = await queue.dequeue(queueName);
    if (message === null) throw new Error('expected a message');
    taken.push(message);
  }
  const [done, dead, held] = taken as [ReceivedMessage, ReceivedMessage, ReceivedMessage];
  await queue.ack(done);
  await queue.nack(dead, new Error('broken'));
  return held;
}

/** deleteQueue: every record, dead letter and counter of one queue goes, and the queue is not listed any more. */
export function deleteQueueCases(h: ContractHarness): void {
  h.it('removes records, dead letters, counters and the queue name, and ends its leases', { counts: 'exact', deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const { queue, clock, raw } = setup;
    const held = await populate(setup, 'q');
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 2, processingMessages: 1, completedMessages: 1, failedMessages: 1 });
    await queue.deleteQueue('q');
    // Listed nowhere (asked first: on some providers any later call on the queue uses it again).
    expect(await setup.storeQueues()).not.toContain('q');
    expect(await queue.listQueues()).not.toContain('q');
    expect(await queue.listQueues({ allQueues: true })).not.toContain('q');
    expect(await raw('q')).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 0 && c.dead === 0));
    expect(await queue.getStats('q')).toMatchObject({ totalMessages: 0, pendingMessages: 0, processingMessages: 0, completedMessages: 0, failedMessages: 0, avgProcessingTime: 0 });
    expect(await queue.deadLetters('q')).toEqual([]);
    await expect(queue.ack(held)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
    await clock.advance(2000);
    expect(await queue.dequeue('q')).toBeNull();
  });

  h.it('leaves the queue usable: ids may be enqueued again and counters start from zero', { counts: 'exact' }, async () => {
    const setup = await h.setup();
    const { queue, clock } = setup;
    await populate(setup, 'q');
    await queue.deleteQueue('q');
    await queue.enqueueMany('q', ['dead', 'done'].map((id) => queue.createMessage('t', `${id} again`, { id })));
    const first = await queue.dequeue('q');
    await clock.advance(20);
    if (first === null) throw new Error('expected a message');
    await queue.ack(first);
    expect(first.attempts).toBe(1);
    expect(await queue.getStats('q')).toMatchObject({ pendingMessages: 1, processingMessages: 0, completedMessages: 1, failedMessages: 0, avgProcessingTime: 20 });
    expect(await queue.listQueues()).toContain('q');
    expect(await setup.storeQueues()).toContain('q');
  });

  h.it('leaves other queues alone, and deleting a queue never used changes nothing', { counts: 'exact', deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await populate(setup, 'q');
    await populate(setup, 'other');
    await queue.deleteQueue('q');
    await queue.deleteQueue('never_used');
    expect(await queue.getStats('other')).toMatchObject({ pendingMessages: 2, processingMessages: 1, completedMessages: 1, failedMessages: 1 });
    expect((await queue.deadLetters('other')).map((d) => d.id)).toEqual(['dead']);
    expect(await setup.raw('other')).toSatisfy((c) => c === undefined || (c.waiting === 2 && c.leased === 1 && c.dead === 1));
    expect(await queue.listQueues()).toEqual(['other']);
  });

  it('wakes a subscriber of the deleted queue, which then handles what is enqueued next', async () => {
    const { queue } = await h.setup();
    const seen: unknown[] = [];
    queue.subscribe('q', (m) => void seen.push(m.payload));
    await queue.enqueue('q', queue.createMessage('t', 'before'));
    await h.eventually(() => expect(seen).toEqual(['before']));
    await queue.deleteQueue('q');
    await queue.enqueue('q', queue.createMessage('t', 'after'));
    await h.eventually(() => expect(seen).toEqual(['before', 'after']));
  });
}

import { ManualClock, MessageQueue } from '@mq/core';
import { createLimitedProvider } from '@mq/memory/testing';
import { expect, it } from 'vitest';

it('flags stats from a store with approximate counts, for all queues and for one', async () => {
  const clock = new ManualClock();
  const queue = new MessageQueue({ provider: createLimitedProvider({ clock, counts: 'approximate' }), clock });
  await queue.connect();
  await queue.enqueue('q', queue.createMessage('t', 1));
  expect(await queue.getStats()).toMatchObject({ approximate: true, queues: ['q'] });
  expect(await queue.getStats('q')).toMatchObject({ approximate: true, queueName: 'q', pendingMessages: 1 });
  await queue.disconnect();
  const exact = new MessageQueue({ provider: createLimitedProvider({ clock }), clock });
  await exact.connect();
  expect(await exact.getStats()).not.toHaveProperty('approximate');
  await exact.disconnect();
});

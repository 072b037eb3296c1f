import { ManualClock } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { expect, test } from 'vitest';

// Found by the fault suite (case 2): a message whose consumer died went to the back of its
// priority and waited behind the whole backlog, far longer than its lease.
test('a message whose lease expired goes back to the front of its priority, ahead of later messages', async () => {
  const clock = new ManualClock();
  const queue = createInMemoryQueue({ clock, visibilityTimeoutMs: 1000 });
  await queue.connect();
  for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue('q', queue.createMessage('t', { id }, { id }));
  const first = await queue.dequeue('q');
  const second = await queue.dequeue('q');
  expect([first?.id, second?.id]).toEqual(['a', 'b']);
  await clock.advance(1001);
  const order: (string | undefined)[] = [];
  for (let i = 0; i < 4; i++) order.push((await queue.dequeue('q'))?.id);
  expect(order).toEqual(['a', 'b', 'c', 'd']);
  await queue.disconnect();
});

import { isMqError, ManualClock } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { inspectMemoryQueue } from '@mq/memory/testing';
import { MessageQueue } from '@mq/core';
import { expect, test } from 'vitest';

// Slots are reused after an ack, and a queue that empties after a burst starts again small: an
// old lease must never act on the record that took its slot, or on a record with the same id.
test('a stale lease cannot ack the record that reused its slot or its id, also after a burst is drained', async () => {
  const clock = new ManualClock();
  const provider = createInMemoryProvider({ clock });
  // The id is enqueued again after its ack: no idempotency window, so it is stored anew.
  const queue = new MessageQueue({ provider, clock, idempotencyWindowMs: 0 });
  await queue.connect();
  const burst = 5000;
  await queue.enqueueMany('q', Array.from({ length: burst }, (_, i) => queue.createMessage('t', { i }, { id: `m${i}` })));
  const first = await queue.dequeue('q');
  expect(first?.id).toBe('m0');
  await queue.ack(first!);
  let drained = 1;
  for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) {
    await queue.ack(m);
    drained++;
  }
  expect(drained).toBe(burst);
  expect(inspectMemoryQueue(provider, 'q')).toEqual({ waiting: 0, leased: 0, dead: 0 });

  await queue.enqueue('q', queue.createMessage('t', { again: true }, { id: 'm0' }));
  const again = await queue.dequeue('q');
  expect(again?.payload).toEqual({ again: true });
  const stale = await queue.ack(first!).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isMqError(stale, 'MQ_LEASE_LOST')).toBe(true);
  await queue.ack(again!);
  expect((await queue.getStats('q')).completedMessages).toBe(burst + 1);
  await queue.disconnect();
});

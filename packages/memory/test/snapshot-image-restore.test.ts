import { expect, test } from 'vitest';
import { DurableQueueState } from '../src/durable/durable-queue-state.js';

// A snapshot is written from images() and read back with restore(). The restored queue must be
// the same, also for the records whose slot grows the slot columns (slot 64, 128, ...): their
// numbers (due time, sequence, attempts, lease expiry) once went into the columns being replaced.
test('images() restored into a new queue give the same images, across growth of the slot columns', () => {
  const now = 1_000_000;
  const live = new DurableQueueState();
  for (let i = 0; i < 300; i++) live.add({ id: `m${i}`, priority: 1 + (i % 10), delayMs: i % 4 === 3 ? 50 : 0, data: `d${i}` }, now);
  live.take(120, now, 300, () => 'token');
  const images = [...live.images()];
  const restored = new DurableQueueState();
  restored.nextSeq = live.nextSeq;
  for (const image of images) restored.restore(image);
  expect([...restored.images()]).toEqual(images);
  // And it behaves the same: the next takes (before and after the delays and leases run out) match.
  for (const at of [now, now + 60, now + 400]) {
    const ids = (queue: DurableQueueState): string[] => queue.take(50, at, 300, () => 't').map((r) => r.id);
    expect(ids(restored)).toEqual(ids(live));
  }
});

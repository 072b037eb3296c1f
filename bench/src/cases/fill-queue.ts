import type { QueueContender } from '../contenders/queue-contender.js';
import { benchPayload } from '../harness/bench-payload.js';
import { priorityStream } from '../harness/seeded-random.js';

/** Puts `count` messages in through the bulk API, 1,000 per call, optionally with random priorities. */
export async function fillQueue(contender: QueueContender, count: number, withPriorities: boolean, chunk = 1000, textBytes = 0): Promise<void> {
  const nextPriority = priorityStream();
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const items = Array.from({ length: size }, (_, i) => ({
      payload: benchPayload(start + i, 0, textBytes),
      ...(withPriorities ? { priority: nextPriority() } : {}),
    }));
    await contender.addBulk(items);
  }
}

import { createBaselineQueue, createMqMemoryEncryptedQueue, createMqMemoryQueue, type InProcessQueue } from '../contenders/in-process-queue.js';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { priorityStream } from '../harness/seeded-random.js';
import { param } from './open-contender.js';

const open = (context: CaseContext): Promise<InProcessQueue> =>
  context.contender === 'baseline' ? createBaselineQueue() : context.contender === 'mq-memory-encrypted' ? createMqMemoryEncryptedQueue() : createMqMemoryQueue();

async function enqueueAll(queue: InProcessQueue, count: number, nextPriority: () => number): Promise<void> {
  for (let i = 0; i < count; i++) await queue.enqueue(benchPayload(i), nextPriority());
}

/** Untimed set-up: fills the queue 1,000 messages per call. */
async function fill(queue: InProcessQueue, count: number, nextPriority: () => number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    await queue.enqueueBulk(Array.from({ length: size }, (_, i) => ({ payload: benchPayload(start + i), priority: nextPriority() })));
  }
}

async function enqueueDequeueAck(queue: InProcessQueue, count: number): Promise<void> {
  await enqueueAll(queue, count, priorityStream());
  while (await queue.dequeueAndAck());
}

/** Case 7a: `count` messages with random priorities enqueued one by one, then each dequeued and acked. */
export async function memoryRoundTripCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const warm = await open(context);
  await enqueueDequeueAck(warm, param(context, 'warmup'));
  await warm.close();
  const queue = await open(context);
  const cost = await measure(undefined, () => enqueueDequeueAck(queue, count));
  await queue.close();
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

/** Case 7b: a pre-filled queue drained by a subscriber with concurrency 50 and a no-op async handler. */
export async function memorySubscribeCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const handler = async (): Promise<void> => undefined;
  const warmCount = param(context, 'warmup');
  const warm = await open(context);
  await fill(warm, warmCount, priorityStream());
  await warm.subscribe(50, warmCount, handler);
  await warm.close();
  const queue = await open(context);
  await fill(queue, count, priorityStream());
  const cost = await measure(undefined, () => queue.subscribe(50, count, handler));
  await queue.close();
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

/** Case 7c: cost of one enqueue + dequeue + ack while the queue holds a steady backlog. */
export async function memoryBacklogCase(context: CaseContext): Promise<CaseResult> {
  const backlog = param(context, 'backlog');
  const cycles = param(context, 'cycles');
  const nextPriority = priorityStream();
  const queue = await open(context);
  await fill(queue, backlog, nextPriority);
  const cycle = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      await queue.enqueue(benchPayload(i), nextPriority());
      await queue.dequeueAndAck();
    }
  };
  await cycle(param(context, 'warmup'));
  const cost = await measure(undefined, () => cycle(cycles));
  await queue.close();
  return { ...cost, metrics: { usPerMsg: (cost.wallMs * 1000) / cycles } };
}

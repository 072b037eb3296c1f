import { createRedisQueue } from '@mq/redis';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { priorityStream } from '../harness/seeded-random.js';
import { param } from './open-contender.js';

const QUEUE = 'bench';

/** Case 7c on Redis: cost of one enqueue + dequeue + ack (awaited in turn) with a steady backlog. */
export async function redisBacklogCase(context: CaseContext): Promise<CaseResult> {
  const backlog = param(context, 'backlog');
  const cycles = param(context, 'cycles');
  const nextPriority = priorityStream();
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const queue = createRedisQueue({ url: `redis://127.0.0.1:${context.port}` });
  await queue.connect();
  const fills: Promise<string[]>[] = [];
  for (let start = 0; start < backlog; start += 1000) {
    const size = Math.min(1000, backlog - start);
    const messages = Array.from({ length: size }, (_, i) => queue.createMessage('bench', benchPayload(start + i), { priority: nextPriority() }));
    fills.push(queue.enqueueMany(QUEUE, messages));
    if (fills.length >= 8) await fills.shift();
  }
  await Promise.all(fills);
  const cycle = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      await queue.enqueue(QUEUE, queue.createMessage('bench', benchPayload(i), { priority: nextPriority() }));
      const message = await queue.dequeue(QUEUE);
      if (message !== null) await queue.ack(message);
    }
  };
  await cycle(param(context, 'warmup'));
  const cost = await measure(redis, () => cycle(cycles));
  await queue.disconnect();
  await redis.close();
  return { ...cost, metrics: { usPerMsg: (cost.wallMs * 1000) / cycles } };
}

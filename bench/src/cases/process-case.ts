import type { QueueContender } from '../contenders/queue-contender.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { Countdown } from '../harness/countdown.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { fillQueue } from './fill-queue.js';
import { openContender, param } from './open-contender.js';

async function drain(contender: QueueContender, count: number, concurrency: number): Promise<void> {
  const handled = new Countdown(count, 120_000);
  const consumer = await contender.consume(concurrency, () => handled.tick());
  await handled.done;
  await consumer.close();
}

/**
 * Case 2: a pre-filled queue processed by a no-op async handler. Timed from starting the consumer
 * to the start of the last message's handler (the last acks are still in flight then).
 */
export async function processCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const concurrency = param(context, 'concurrency');
  const withPriorities = param(context, 'priorities') === 1;
  const textBytes = context.params.textBytes ?? 0;
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const warm = await openContender(context, 'bench-warm');
  const warmCount = param(context, 'warmup');
  await fillQueue(warm, warmCount, withPriorities, 1000, textBytes);
  await drain(warm, warmCount, concurrency);
  await warm.close();
  const contender = await openContender(context, 'bench');
  await fillQueue(contender, count, withPriorities, 1000, textBytes);
  let consumerClose: Promise<void> = Promise.resolve();
  const cost = await measure(redis, async () => {
    const handled = new Countdown(count, 120_000);
    const consumer = await contender.consume(concurrency, () => handled.tick());
    await handled.done;
    consumerClose = consumer.close();
  });
  await consumerClose;
  await contender.close();
  await redis.close();
  return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
}

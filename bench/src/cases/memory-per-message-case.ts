import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { sleep } from '../harness/countdown.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { fillQueue } from './fill-queue.js';
import { openContender, param } from './open-contender.js';

/** Case 5: growth of Redis used_memory per waiting message, after bulk-adding `count` messages. */
export async function memoryPerMessageCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const contender = await openContender(context, 'bench');
  await sleep(100);
  const before = await redis.usedMemoryBytes();
  const cost = await measure(redis, () => fillQueue(contender, count, false, 1000, context.params.textBytes ?? 0));
  await sleep(100);
  const after = await redis.usedMemoryBytes();
  await contender.close();
  await redis.close();
  return { ...cost, metrics: { bytesPerMsg: (after - before) / count } };
}

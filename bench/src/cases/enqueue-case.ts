import type { QueueContender } from '../contenders/queue-contender.js';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { fillQueue } from './fill-queue.js';
import { openContender, param } from './open-contender.js';

export type EnqueueMode = 'sequential' | 'inflight' | 'bulk';

async function enqueue(contender: QueueContender, mode: EnqueueMode, count: number): Promise<void> {
  if (mode === 'bulk') return fillQueue(contender, count, false);
  const lanes = mode === 'inflight' ? 100 : 1;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await contender.add(benchPayload(next++));
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** Case 1: messages per second put in one at a time, 100 in flight, or 1,000 per bulk call. */
export function enqueueCase(mode: EnqueueMode) {
  return async (context: CaseContext): Promise<CaseResult> => {
    const count = param(context, 'count');
    const redis = new RedisInfo(context.port);
    await redis.connect();
    const warm = await openContender(context, 'bench-warm');
    await enqueue(warm, mode, param(context, 'warmup'));
    await warm.close();
    const contender = await openContender(context, 'bench');
    const cost = await measure(redis, () => enqueue(contender, mode, count));
    await contender.close();
    await redis.close();
    return { ...cost, metrics: { msgPerSec: (count / cost.wallMs) * 1000 } };
  };
}

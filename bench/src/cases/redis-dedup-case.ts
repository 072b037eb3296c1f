import { createRedisQueue } from '@mq/redis';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { param } from './open-contender.js';

/**
 * Issue 13's cost budget: an enqueue with a deduplication key (until-settled, every key new, so
 * each is stored: enqueue-keyed.lua) against a plain enqueue (enqueue.lua), one at a time and
 * awaited, on the same Redis in the same run; the ratio is keyed ÷ plain time per message. Then the
 * Redis memory each live key costs (the dedup hash and its expiry zset, over the keyed records).
 */
export async function redisDedupCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const queue = createRedisQueue({ url: `redis://127.0.0.1:${context.port}` });
  await queue.connect();
  const run = async (queueName: string, n: number, keyed: boolean): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const options = keyed ? { deduplication: { key: `order-${queueName}-${i}` } } : {};
      await queue.enqueue(queueName, queue.createMessage('bench', benchPayload(i), options));
    }
  };
  await run('warm_plain', param(context, 'warmup'), false);
  await run('warm_keyed', param(context, 'warmup'), true);
  const plain = await measure(redis, () => run('plain', count, false));
  const keyed = await measure(redis, () => run('keyed', count, true));
  // The same records twice, without keys and with them: the difference is what the keys cost.
  const before = await redis.usedMemoryBytes();
  await run('mem_plain', count, false);
  const mid = await redis.usedMemoryBytes();
  await run('mem_keyed', count, true);
  const after = await redis.usedMemoryBytes();
  await queue.disconnect();
  await redis.close();
  const plainUs = (plain.wallMs * 1000) / count;
  const keyedUs = (keyed.wallMs * 1000) / count;
  return {
    ...keyed,
    metrics: { plainUsPerMsg: plainUs, keyedUsPerMsg: keyedUs, keyedOverPlain: keyedUs / plainUs, bytesPerKey: (after - mid - (mid - before)) / count },
  };
}

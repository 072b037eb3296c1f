import { createRedisQueue } from '@mq/redis';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure, type Cost } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { param } from './open-contender.js';

/**
 * Case 8 on Redis (fair groups, issue 15; issue 20's budget: grouped >= 0.7x plain): `count`
 * messages at one priority drained by a subscriber with concurrency 50, plain (no group: the
 * feature-off path) and then each message in one of `groups` groups with groupConcurrency 10, on
 * the same Redis in the same run, interleaved (plain, grouped, grouped, plain: half the messages
 * each, so neither side always runs on the warmer or the quieter machine). Reports both rates,
 * their ratio, and Redis CPU per message.
 */
export async function redisGroupsCase(context: CaseContext): Promise<CaseResult> {
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const queue = createRedisQueue({ url: `redis://127.0.0.1:${context.port}` });
  await queue.connect();
  const groups = param(context, 'groups');
  const count = param(context, 'count');
  const drain = async (queueName: string, n: number, grouped: boolean): Promise<Cost> => {
    for (let start = 0; start < n; start += 1000) {
      const size = Math.min(1000, n - start);
      await queue.enqueueMany(queueName, Array.from({ length: size }, (_, i) => queue.createMessage('bench', benchPayload(start + i), grouped ? { groupId: `g${(start + i) % groups}` } : {})));
    }
    return measure(redis, () =>
      new Promise<void>((resolve) => {
        let handled = 0;
        const subscription = queue.subscribe(
          queueName,
          async () => {
            if (++handled === n) void subscription.close().then(resolve);
            await Promise.resolve();
          },
          grouped ? { concurrency: 50, groupConcurrency: 10 } : { concurrency: 50 },
        );
      }),
    );
  };
  await drain('warm_plain', param(context, 'warmup'), false);
  await drain('warm_grouped', param(context, 'warmup'), true);
  const half = Math.ceil(count / 2);
  const plainA = await drain('plain_a', half, false);
  const groupedA = await drain('grouped_a', half, true);
  const groupedB = await drain('grouped_b', half, true);
  const plainB = await drain('plain_b', half, false);
  const plain = sumCosts(plainA, plainB);
  const grouped = sumCosts(groupedA, groupedB);
  await queue.disconnect();
  await redis.close();
  const rate = (cost: Cost) => ((half * 2) / cost.wallMs) * 1000;
  const redisUs = (cost: Cost) => ((cost.redisCpuMs ?? 0) * 1000) / (half * 2);
  return {
    ...grouped,
    metrics: {
      plainMsgPerSec: rate(plain),
      groupedMsgPerSec: rate(grouped),
      groupedOverPlain: rate(grouped) / rate(plain),
      plainRedisUsPerMsg: redisUs(plain),
      groupedRedisUsPerMsg: redisUs(grouped),
    },
  };
}

function sumCosts(a: Cost, b: Cost): Cost {
  return { wallMs: a.wallMs + b.wallMs, nodeCpuMs: a.nodeCpuMs + b.nodeCpuMs, redisCpuMs: (a.redisCpuMs ?? 0) + (b.redisCpuMs ?? 0) };
}

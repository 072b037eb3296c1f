import type { QueueContender } from '../contenders/queue-contender.js';
import { benchPayload, preciseNow } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { Countdown } from '../harness/countdown.js';
import { measure } from '../harness/measure.js';
import { pace } from '../harness/pace.js';
import { RedisInfo } from '../harness/redis-info.js';
import { quantile } from '../harness/stats.js';
import { openContender, param } from './open-contender.js';

async function sendAtRate(contender: QueueContender, count: number, perSecond: number, arrived: Countdown): Promise<void> {
  await pace(count, 1000 / perSecond, (i) => contender.add(benchPayload(i, preciseNow())));
  await arrived.done;
}

/** Case 3: time from the enqueue call to the handler's start, at a steady rate (default concurrency 1). */
export async function latencyCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const perSecond = param(context, 'perSecond');
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const contender = await openContender(context, 'bench');
  let latencies: number[] = [];
  let arrived = new Countdown(param(context, 'warmup'), 60_000);
  const consumer = await contender.consume(1, (payload) => {
    latencies.push(preciseNow() - payload.sentAt);
    arrived.tick();
  });
  // Warm-up (JIT, connections, scripts) at a higher rate, so it takes a second, not five.
  await sendAtRate(contender, param(context, 'warmup'), param(context, 'warmupPerSecond'), arrived);
  latencies = [];
  arrived = new Countdown(count, 60_000);
  const cost = await measure(redis, () => sendAtRate(contender, count, perSecond, arrived));
  await consumer.close();
  await contender.close();
  await redis.close();
  const sorted = latencies.sort((a, b) => a - b);
  return { ...cost, metrics: { p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: quantile(sorted, 1) } };
}

import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { Countdown } from '../harness/countdown.js';
import { measure } from '../harness/measure.js';
import { pace } from '../harness/pace.js';
import { RedisInfo } from '../harness/redis-info.js';
import { quantile } from '../harness/stats.js';
import { openContender, param } from './open-contender.js';

/**
 * Case 4: messages with a delay, sent at a steady pace; lateness = handler start − (send time +
 * delay), in whole ms of Date.now() (the clock the libraries use), so "early" is never a rounding artefact.
 */
export async function delayedCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const delayMs = param(context, 'delayMs');
  const spreadMs = param(context, 'spreadMs');
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const contender = await openContender(context, 'bench');
  const lateness: number[] = [];
  const arrived = new Countdown(count, delayMs + spreadMs + 30_000);
  const consumer = await contender.consume(50, (payload) => {
    lateness.push(Date.now() - (payload.sentAt + delayMs));
    arrived.tick();
  });
  const cost = await measure(redis, async () => {
    await pace(count, spreadMs / count, (i) => contender.add(benchPayload(i, Date.now()), { delayMs }));
    await arrived.done;
  });
  await consumer.close();
  await contender.close();
  await redis.close();
  const sorted = lateness.sort((a, b) => a - b);
  return {
    ...cost,
    metrics: {
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: quantile(sorted, 1),
      early: sorted.filter((ms) => ms < 0).length,
    },
  };
}

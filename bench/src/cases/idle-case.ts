import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { sleep } from '../harness/countdown.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { openContender, param } from './open-contender.js';

/** Case 6: Redis commands per second that one subscriber on an empty queue sends (INFO commandstats). */
export async function idleCase(context: CaseContext): Promise<CaseResult> {
  const windowMs = param(context, 'windowMs');
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const contender = await openContender(context, 'bench');
  const consumer = await contender.consume(1, () => undefined);
  await sleep(param(context, 'settleMs'));
  await redis.resetStats();
  const cost = await measure(redis, () => sleep(windowMs));
  const calls = await redis.commandCalls();
  await consumer.close();
  await contender.close();
  await redis.close();
  const total = [...calls.values()].reduce((sum, n) => sum + n, 0);
  const note = [...calls].sort((a, b) => b[1] - a[1]).map(([command, n]) => `${command} ${n}`).join(', ');
  return { ...cost, metrics: { cmdsPerSec: (total / windowMs) * 1000 }, note };
}

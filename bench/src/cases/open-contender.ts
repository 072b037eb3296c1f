import { loadContender, type RedisContenderName } from '../contenders/redis-contenders.js';
import type { QueueContender } from '../contenders/queue-contender.js';
import type { CaseContext } from '../harness/case-types.js';

/** Opens the context's contender on a queue of the benchmark's Redis. */
export async function openContender(context: CaseContext, queueName: string): Promise<QueueContender> {
  const factory = await loadContender(context.contender as RedisContenderName);
  return factory({ port: context.port, queueName, ...(context.peerProfile === undefined ? {} : { profile: context.peerProfile }) });
}

/** Reads a numeric parameter the plan must have set. */
export function param(context: CaseContext, name: string): number {
  const value = context.params[name];
  if (value === undefined) throw new Error(`case parameter "${name}" is missing`);
  return value;
}

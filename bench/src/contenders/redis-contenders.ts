import type { ContenderFactory } from './queue-contender.js';

export const REDIS_CONTENDERS = ['mq', 'bullmq', 'bee-queue'] as const;
export type RedisContenderName = (typeof REDIS_CONTENDERS)[number];

export const CONTENDER_LABELS: Record<RedisContenderName, string> = { mq: '@mq', bullmq: 'BullMQ', 'bee-queue': 'Bee-Queue' };

/** Loads only the library a child process needs, so one contender's import cost never lands on another. */
export async function loadContender(name: RedisContenderName): Promise<ContenderFactory> {
  switch (name) {
    case 'mq':
      return (await import('./mq-redis-contender.js')).createMqRedisContender;
    case 'bullmq':
      return (await import('./bullmq-contender.js')).createBullmqContender;
    case 'bee-queue':
      return (await import('./bee-queue-contender.js')).createBeeQueueContender;
  }
}

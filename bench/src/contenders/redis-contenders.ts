import type { ContenderFactory } from './queue-contender.js';

export const REDIS_CONTENDERS = ['mq', 'bullmq', 'bee-queue'] as const;
/** @mq on Redis with @mq/prometheus or @mq/otel on (issue 17): compared with 'mq' in the same run. */
export const OBSERVED_CONTENDERS = ['mq-metrics', 'mq-tracing'] as const;
/** @mq with its payload pipeline on (issue 12), measured against plain 'mq' in the same run. */
export const PIPELINE_CONTENDERS = ['mq-encrypted', 'mq-gzip'] as const;
/** @mq with a per-message feature on (issue 20's feature rows), measured against plain 'mq' in the same case. */
export const FEATURE_CONTENDERS = ['mq-dedup', 'mq-grouped'] as const;
export type RedisContenderName = (typeof REDIS_CONTENDERS)[number] | (typeof OBSERVED_CONTENDERS)[number] | (typeof PIPELINE_CONTENDERS)[number] | (typeof FEATURE_CONTENDERS)[number];

export const CONTENDER_LABELS: Record<RedisContenderName, string> = {
  mq: '@mq',
  bullmq: 'BullMQ',
  'bee-queue': 'Bee-Queue',
  'mq-metrics': '@mq + @mq/prometheus',
  'mq-tracing': '@mq + @mq/otel',
  'mq-encrypted': '@mq encrypted',
  'mq-gzip': '@mq gzip',
  'mq-dedup': '@mq, a deduplication key per message',
  'mq-grouped': '@mq, 100 groups, groupConcurrency 10',
};

/** Groups of the 'mq-grouped' contender: as case 8 (redis-groups), 100 groups of which 10 messages each may run at once. */
const GROUPS = 100;

/** Loads only the library a child process needs, so one contender's import cost never lands on another. */
export async function loadContender(name: RedisContenderName): Promise<ContenderFactory> {
  switch (name) {
    case 'mq':
      return (await import('./mq-redis-contender.js')).createMqRedisContender;
    case 'mq-encrypted': {
      const [{ createMqRedisContender }, { aesGcmEncryption }] = await Promise.all([import('./mq-redis-contender.js'), import('@mq/core')]);
      return (target) => createMqRedisContender(target, { encryption: aesGcmEncryption({ keys: { bench: new Uint8Array(32).fill(1) }, activeKeyId: 'bench' }) });
    }
    case 'mq-gzip': {
      const [{ createMqRedisContender }, { gzipCompression }] = await Promise.all([import('./mq-redis-contender.js'), import('@mq/core')]);
      return (target) => createMqRedisContender(target, { compression: gzipCompression({ minBytes: 1024 }) });
    }
    case 'mq-dedup': {
      const { createMqRedisContender } = await import('./mq-redis-contender.js');
      // Every key new (until-settled, the default mode): each is stored at enqueue and released at ack.
      return (target) => createMqRedisContender(target, {}, undefined, { messageOptions: (seq, queue) => ({ deduplication: { key: `order-${queue}-${seq}` } }) });
    }
    case 'mq-grouped': {
      const { createMqRedisContender } = await import('./mq-redis-contender.js');
      return (target) => createMqRedisContender(target, {}, undefined, { messageOptions: (seq) => ({ groupId: `g${seq % GROUPS}` }), subscribeOptions: { groupConcurrency: 10 } });
    }
    case 'bullmq':
      return (await import('./bullmq-contender.js')).createBullmqContender;
    case 'bee-queue':
      return (await import('./bee-queue-contender.js')).createBeeQueueContender;
    case 'mq-metrics':
      return (await import('./mq-observed-contenders.js')).createMqMetricsContender;
    case 'mq-tracing':
      return (await import('./mq-observed-contenders.js')).createMqTracingContender;
  }
}

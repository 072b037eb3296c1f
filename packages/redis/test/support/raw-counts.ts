import type { QueueProvider } from '@mq/core/provider';
import type { Cluster, Redis } from 'ioredis';
import { redisQueueKeys } from '../../src/testing.js';

/** Counts read straight from the queue's keys (the back door), not through the provider's scripts. */
export async function rawCounts(client: Redis | Cluster, provider: QueueProvider, queueName: string): Promise<{ waiting: number; leased: number; dead: number }> {
  const keys = redisQueueKeys(provider, queueName);
  const lengths = await Promise.all(keys.ready.map((key) => client.llen(key)));
  const [delayed, leased, dead] = await Promise.all([client.zcard(keys.delayed), client.zcard(keys.leases), client.hlen(keys.dead)]);
  return { waiting: delayed + lengths.reduce((a, b) => a + b, 0), leased, dead };
}

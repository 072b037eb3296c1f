import type { QueueProvider } from '@mq/core/provider';
import { Cluster, type Redis } from 'ioredis';
import { redisQueueKeys } from '../../src/testing.js';

/** Every key under `pattern`, on each master of a cluster or on the one server (SCAN, the back door). */
async function scanKeys(client: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found.sort();
}

/**
 * What Redis keeps for the groups of `queueName`, read around the provider and named: every
 * group list, ring member, group count and group-of field ([] once every group emptied).
 */
export async function groupKeys(client: Redis | Cluster, provider: QueueProvider, queueName: string): Promise<string[]> {
  const keys = redisQueueKeys(provider, queueName);
  const kept: string[] = [];
  for (const ring of keys.rings) {
    for (const member of await client.zrange(ring, '0', '-1')) kept.push(`turn of "${member}" in ${ring}`);
  }
  // The ring keys themselves and each group's list (`<ring>:<groupId>`).
  const tagged = keys.rings[0]?.replace(/gr1$/, '') ?? '';
  for (const key of await scanKeys(client, `${escapeGlob(tagged)}gr*`)) kept.push(`key ${key}`);
  for (const [field, value] of Object.entries(await client.hgetall(keys.groupCounts))) kept.push(`count ${field}: ${value}`);
  for (const [id, groupId] of Object.entries(await client.hgetall(keys.groupOf))) kept.push(`group of ${id}: ${groupId}`);
  return kept;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

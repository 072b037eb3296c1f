import type { QueueProvider } from '@mq/core/provider';
import { Cluster, type Redis } from 'ioredis';
import { redisQueueKeys } from '../../src/testing.js';

/**
 * Every value under the provider's key prefix, read with SCAN on every node (each master of a
 * cluster): hash fields and values, list items, zset members, strings. Bytes read as latin1.
 */
export async function storedValues(client: Redis | Cluster, provider: QueueProvider): Promise<string[]> {
  const records = redisQueueKeys(provider, 'x').records;
  const prefix = records.slice(0, records.indexOf(':{'));
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const values: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) values.push(key, ...(await valuesOf(node, key)));
    } while (cursor !== '0');
  }
  return values;
}

async function valuesOf(node: Redis, key: string): Promise<string[]> {
  const latin1 = (b: Buffer): string => b.toString('latin1');
  switch (await node.type(key)) {
    case 'hash':
      return Object.entries(await node.hgetallBuffer(key)).flatMap(([field, value]) => [field, latin1(value)]);
    case 'list':
      return (await node.lrangeBuffer(key, 0, -1)).map(latin1);
    case 'zset':
      return (await node.zrangeBuffer(key, '0', '-1')).map(latin1);
    case 'string':
      return [latin1((await node.getBuffer(key)) ?? Buffer.alloc(0))];
    default:
      return [];
  }
}

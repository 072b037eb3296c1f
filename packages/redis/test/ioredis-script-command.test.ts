import { MessageQueue } from '@mq/core';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { IoredisConnection, type IoredisClient } from '../src/ioredis-connection.js';
import type { LuaScript } from '../src/lua-scripts.js';
import { rawClient, standaloneUrl, uniquePrefix } from './support/test-redis.js';

const settings = { connectTimeoutMs: 5000, commandTimeoutMs: 5000 };
const backDoor = rawClient() as Redis;
afterAll(async () => void (await backDoor.quit()));

/** A script no other test loads (its own source, so its own sha): returns its KEYS, then its ARGV. */
function echoScript(): LuaScript {
  const name = uniquePrefix('echo');
  return { name, source: `-- ${name}\nlocal out = {}\nfor _, k in ipairs(KEYS) do out[#out + 1] = k end\nout[#out + 1] = '|'\nfor _, a in ipairs(ARGV) do out[#out + 1] = a end\nreturn out` };
}

const ARGV = [0, -1.5, 1e21, '', 'plain', 'é ✓ 😀', 'line\r\nbreak', 'x'.repeat(70_000)];

describe.each([
  ['standalone', false],
  ['cluster', true],
])('script calls on %s', (_mode, cluster) => {
  it('carry every key and every ARGV value as ioredis would frame them, first as EVAL then EVALSHA', async () => {
    const client = rawClient(cluster) as IoredisClient;
    const connection = new IoredisConnection(client, false, settings);
    try {
      await connection.connect();
      const tag = uniquePrefix('tag');
      const keys = Array.from({ length: 26 }, (_, i) => `{${tag}}:k${i}`);
      const script = echoScript();
      const expected = [...keys, '|', ...ARGV.map(String)];
      // The first call loads the script (EVAL); the calls after it run by sha, in the same pipeline and after.
      const replies = await Promise.all([1, 2, 3].map(() => connection.run(script, keys, ARGV)));
      for (const reply of replies) expect(reply).toEqual(expected);
      expect(await connection.run(script, keys, ARGV)).toEqual(expected);
      expect(await connection.run(script, [], ['only argv'])).toEqual(['|', 'only argv']);
    } finally {
      await client.quit();
    }
  });
});

it('loads a script again after the server lost it (SCRIPT FLUSH answers NOSCRIPT to the next EVALSHA)', async () => {
  const client = rawClient() as IoredisClient;
  const connection = new IoredisConnection(client, false, settings);
  try {
    await connection.connect();
    const script = echoScript();
    expect(await connection.run(script, ['{a}k'], [1])).toEqual(['{a}k', '|', '1']);
    await backDoor.script('FLUSH');
    expect(await connection.run(script, ['{a}k'], [2])).toEqual(['{a}k', '|', '2']);
    expect(await connection.run(script, ['{a}k'], [3])).toEqual(['{a}k', '|', '3']);
  } finally {
    await client.quit();
  }
});

it('rejects with the script error a script raises', async () => {
  const client = rawClient() as IoredisClient;
  const connection = new IoredisConnection(client, false, settings);
  try {
    await connection.connect();
    const failing: LuaScript = { name: uniquePrefix('fail'), source: `-- ${uniquePrefix('fail')}\nreturn redis.error_reply('MQ_TEST broken')` };
    await expect(connection.run(failing, ['{a}k'], [])).rejects.toThrow('MQ_TEST broken');
  } finally {
    await client.quit();
  }
});

describe('a client with an ioredis keyPrefix', () => {
  it.each([
    ['redisOptions of a client the provider creates', false],
    ['a client the user passes in', true],
  ])('stores every key of a queue under the prefix (%s)', async (_label, userClient) => {
    const keyPrefix = `${uniquePrefix('kp')}:`;
    const prefix = uniquePrefix();
    const client = userClient ? new Redis(standaloneUrl(), { keyPrefix }) : undefined;
    const provider = createRedisProvider({ prefix, ...(client === undefined ? { url: standaloneUrl(), redisOptions: { keyPrefix } } : { client }) });
    const queue = new MessageQueue({ provider });
    try {
      await queue.connect();
      await queue.enqueueMany('jobs', [queue.createMessage('t', { n: 1 }), queue.createMessage('t', { n: 2 }, { delayMs: 60_000 })]);
      const taken = await queue.dequeue('jobs');
      expect(taken?.payload).toEqual({ n: 1 });
      if (taken) await queue.ack(taken);
      expect(await queue.size('jobs')).toBe(1);
      const stored = await backDoor.keys(`*${prefix}*`);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((key) => key.startsWith(keyPrefix))).toBe(true);
    } finally {
      await queue.disconnect();
      await client?.quit();
    }
  });
});

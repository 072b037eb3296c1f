import { isMqError, type MessageQueue } from '@mq/core';
import { createQueueRouter, defineEnqueueRoute } from '@mq/express';
import { createRedisQueue } from '@mq/redis';
import express from 'express';
import { Redis } from 'ioredis';
import { expect, onTestFinished, test } from 'vitest';
import { createCaseDir } from '../src/process/case-dir.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import { faultBodySchema } from '../src/workers/fault-body-schema.js';

// Case 10: hostile queue names and REST bodies on a real Redis server and a real HTTP server
// (loopback): every one is refused before it reaches Redis, and nothing is polluted.
const HOSTILE_NAMES = ['a}:{b', '{x}', '*', 'x'.repeat(300), 'a\nb', 'a\u0000b', '\t', 'a b', ''];

async function scanKeys(redis: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  for (let round = 0; round < 10_000; round++) {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
    if (cursor === '0') break;
  }
  return keys.sort();
}

async function dumpAll(redis: Redis, keys: readonly string[]): Promise<Map<string, string>> {
  const dumps = new Map<string, string>();
  for (const key of keys) dumps.set(key, (await redis.dumpBuffer(key))?.toString('hex') ?? 'missing');
  return dumps;
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'accepted';
  } catch (error) {
    return isMqError(error) ? error.code : String(error);
  }
}

test('case 10: hostile queue names, purge isolation and hostile REST bodies', async () => {
  const dir = createCaseDir('case10');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const queue: MessageQueue = createRedisQueue({ url: server.url });
  const raw = new Redis(server.url, { lazyConnect: true });
  const app = express();
  app.use(
    '/api/queue',
    createQueueRouter(queue, {
      bodyLimit: '100kb',
      enqueueRoutes: {
        fault: defineEnqueueRoute({
          queueName: 'rest',
          body: faultBodySchema,
          toMessage: (body) => ({ type: 'fault', payload: { seq: body.seq }, options: { id: body.id } }),
        }),
      },
    }),
  );
  const http = app.listen(0, '127.0.0.1');
  onTestFinished(async () => {
    await new Promise((resolve) => http.close(resolve));
    await queue.disconnect();
    raw.disconnect();
    await server.stop();
    dir.remove();
  });
  await queue.connect();
  await raw.connect();
  if (!http.listening) await new Promise<void>((resolve) => http.once('listening', resolve));
  const message = (): ReturnType<MessageQueue['createMessage']> => queue.createMessage('fault', { seq: 0 });

  // Hostile names: every call refused with MQ_INVALID_QUEUE_NAME, no key created.
  await queue.enqueue('warm-up', message());
  const keysBefore = await scanKeys(raw);
  const codes: Record<string, string[]> = {};
  for (const name of HOSTILE_NAMES) {
    codes[JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)] = await Promise.all([
      codeOf(queue.enqueue(name, message())),
      codeOf(queue.enqueueMany(name, [message()])),
      codeOf(queue.purge(name)),
      codeOf(queue.size(name)),
      codeOf(queue.getStats(name)),
      codeOf(queue.deadLetters(name)),
    ]);
  }
  const keysAfter = await scanKeys(raw);
  const all = Object.values(codes).flat();
  console.log(`[faults] case 10 names: ${JSON.stringify({ names: HOSTILE_NAMES.length, calls: all.length, refused: all.filter((c) => c === 'MQ_INVALID_QUEUE_NAME').length, newKeys: keysAfter.length - keysBefore.length })}`);
  for (const list of Object.values(codes)) expect(list.every((c) => c === 'MQ_INVALID_QUEUE_NAME')).toBe(true);
  expect(keysAfter).toEqual(keysBefore);

  // `__proto__` uses only allowed characters: accepted. It must stay an ordinary, isolated queue.
  const protoEnqueue = await codeOf(queue.enqueue('__proto__', message()));
  const protoKeys = (await scanKeys(raw)).filter((k) => !keysBefore.includes(k));
  expect(protoKeys.length).toBeGreaterThan(0);
  expect(protoKeys.every((k) => k.includes('{__proto__}'))).toBe(true);
  expect(await queue.size('__proto__')).toBe(1);
  expect(await queue.size('warm-up')).toBe(1);
  expect(await queue.purge('__proto__')).toBe(1);
  expect(await queue.size('warm-up')).toBe(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  console.log(`[faults] case 10 __proto__ as a queue name: ${protoEnqueue}, keys ${JSON.stringify(protoKeys)}`);

  // Purging `a` leaves `ab` and `a_b` byte for byte.
  for (const name of ['a', 'ab', 'a_b']) {
    await queue.enqueueMany(name, [1, 2, 3].map((seq) => queue.createMessage('fault', { seq }, { priority: seq, delayMs: seq === 3 ? 60_000 : 0 })));
  }
  const others = (await scanKeys(raw)).filter((k) => !k.includes('{a}'));
  const dumpsBefore = await dumpAll(raw, others);
  expect(await queue.purge('a')).toBe(3);
  expect(await queue.size('a')).toBe(0);
  expect((await scanKeys(raw)).filter((k) => !k.includes('{a}'))).toEqual(others);
  expect(await dumpAll(raw, others)).toEqual(dumpsBefore);
  expect([await queue.size('ab'), await queue.size('a_b')]).toEqual([3, 3]);

  // REST: malformed, oversize, deeply nested and prototype-key bodies → 4xx problem+json, nothing enqueued.
  const address = http.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/api/queue`;
  const deep = (n: number, leaf: string): string => `${'{"n":'.repeat(n)}${leaf}${'}'.repeat(n)}`;
  const bodies: Record<string, string> = {
    malformed: '{"id":"m1","seq":',
    trailingGarbage: '{"id":"m2","seq":1}}',
    oversize: JSON.stringify({ id: 'o1', seq: 1, pad: 'x'.repeat(200_000) }),
    deepArray: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    deepInId: `{"id":${deep(10_000, '"d1"')},"seq":1}`,
    deepProtoAtBottom: `{"id":"d2","seq":1,"n":${deep(10_000, '{"__proto__":{"polluted":true}}')}}`,
    proto: '{"id":"p1","seq":1,"__proto__":{"polluted":true}}',
    constructor: '{"id":"p2","seq":1,"constructor":{"prototype":{"polluted":true}}}',
    nestedProto: '{"id":"p3","seq":1,"meta":{"x":[{"__proto__":{"polluted":true}}]}}',
  };
  const answers: Record<string, string> = {};
  for (const [name, body] of Object.entries(bodies)) {
    const response = await fetch(`${base}/enqueue/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
    const problem = (await response.json()) as { code?: string };
    answers[name] = `${response.status} ${problem.code ?? ''}`;
    expect(response.status, name).toBeGreaterThanOrEqual(400);
    expect(response.status, name).toBeLessThan(500);
    expect(response.headers.get('content-type'), name).toContain('application/problem+json');
  }
  for (const name of HOSTILE_NAMES.filter((n) => n !== '')) {
    const response = await fetch(`${base}/size/${encodeURIComponent(name)}`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    answers[`size ${JSON.stringify(name.slice(0, 8))}`] = String(response.status);
    expect(response.status, name).toBe(400);
  }
  expect(await queue.size('rest')).toBe(0);
  const good = await fetch(`${base}/enqueue/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"ok1","seq":1}' });
  console.log(`[faults] case 10 REST: ${JSON.stringify(answers)}; control ${good.status}`);
  expect(good.status).toBe(202);
  expect(await queue.size('rest')).toBe(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
});

import { MessageQueue, type WhereFilter } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { createRedisQueue } from '@mq/redis';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { measure } from '../harness/measure.js';
import { RedisInfo } from '../harness/redis-info.js';
import { param } from './open-contender.js';
// Not public API: the matcher publish() uses, measured on its own (the bench is private to this repository).
import { BindingTrie } from '../../../packages/core/src/routing/binding-trie.js';
import { patternWords, topicWords } from '../../../packages/core/src/routing/topic-words.js';
import { compileWhere } from '../../../packages/core/src/routing/where-filter.js';

/**
 * Routing rules (issue 16) on Redis standalone: one publish to a topic bound to three queues
 * against one enqueue, both awaited one at a time in the same process and run, in alternating
 * rounds so that neither gets a warmer Redis. Goal: publish ÷ enqueue ≤ 1.5 (one script call each).
 */
export async function routingPublishCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  // Many short alternating rounds: the machine is shared, and noise then hits both alike.
  const rounds = 20;
  const redis = new RedisInfo(context.port);
  await redis.connect();
  const queue = createRedisQueue({ url: `redis://127.0.0.1:${context.port}` });
  await queue.connect();
  for (const name of ['analytics', 'agents', 'notifications']) await queue.bind({ pattern: 'conversation.*.closed', queue: name });
  await queue.bind({ pattern: 'billing.#', queue: 'billing' });
  const enqueue = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await queue.enqueue('single', queue.createMessage('closed', benchPayload(i)));
  };
  const publish = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await queue.publish('conversation.user42.closed', queue.createMessage('closed', benchPayload(i)));
  };
  await enqueue(param(context, 'warmup'));
  await publish(param(context, 'warmup'));
  // Wall time, and the CPU each side spent (this process, Redis): on a loaded machine the CPU
  // ratios move less than the wall-time one, so they are reported next to it.
  const enqueueSide = { ms: 0, nodeMs: 0, redisMs: 0 };
  const publishSide = { ms: 0, nodeMs: 0, redisMs: 0 };
  const timed = async (side: typeof enqueueSide, work: () => Promise<void>): Promise<void> => {
    const redisBefore = await redis.cpuMs();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    side.ms += performance.now() - start;
    const used = process.cpuUsage(cpu);
    side.nodeMs += (used.user + used.system) / 1000;
    side.redisMs += (await redis.cpuMs()) - redisBefore;
  };
  const per = Math.ceil(count / rounds);
  const cost = await measure(redis, async () => {
    for (let round = 0; round < rounds; round++) {
      await timed(enqueueSide, () => enqueue(per));
      await timed(publishSide, () => publish(per));
    }
  });
  await queue.disconnect();
  await redis.close();
  const n = per * rounds;
  const enqueueUs = (enqueueSide.ms * 1000) / n;
  const publishUs = (publishSide.ms * 1000) / n;
  const metrics = {
    enqueueUs,
    publishUs,
    ratio: publishUs / enqueueUs,
    nodeCpuRatio: publishSide.nodeMs / enqueueSide.nodeMs,
    redisCpuRatio: publishSide.redisMs / enqueueSide.redisMs,
  };
  return { ...cost, metrics };
}

/**
 * Matching cost with 1,000 bindings: the core's own matcher (the trie of patterns with compiled
 * filters that publish() walks; imported from the core's source, it is not public API) answering
 * a topic that 3 of 1,000 bindings take (varied patterns: exact, `*`, `#`, with and without
 * filters), against the same with only those 3 bindings. Goal: under 20 µs per publish.
 */
export async function routingMatchCase(context: CaseContext): Promise<CaseResult> {
  const count = param(context, 'count');
  const queue = new MessageQueue({ provider: createInMemoryProvider() });
  const message = queue.createMessage('closed', benchPayload(1), { userId: 'vip-7' });
  const few = trieOf(0);
  const many = trieOf(997);
  const words = topicWords('conversation.user42.closed');
  const run = (trie: BindingTrie, n: number): number => {
    let found = 0;
    for (let i = 0; i < n; i++) found += trie.match(words, message).length;
    return found;
  };
  if (run(many, 1) !== 3 || run(few, 1) !== 3) throw new Error('routing-match: the topic should match exactly 3 queues');
  run(few, param(context, 'warmup'));
  run(many, param(context, 'warmup'));
  let fewMs = 0;
  let manyMs = 0;
  const per = Math.ceil(count / 4);
  const cost = await measure(undefined, () => {
    for (let round = 0; round < 4; round++) {
      const a = performance.now();
      run(few, per);
      const b = performance.now();
      run(many, per);
      fewMs += b - a;
      manyMs += performance.now() - b;
    }
    return Promise.resolve();
  });
  return { ...cost, metrics: { match3Us: (fewMs * 1000) / (per * 4), matchUs: (manyMs * 1000) / (per * 4) } };
}

/** The 3 bindings the topic matches plus `others` that it does not (every fifth with a filter). */
function trieOf(others: number): BindingTrie {
  const trie = new BindingTrie();
  const add = (pattern: string, queue: string, where?: WhereFilter): void => trie.add(patternWords(pattern), { queue, matches: where === undefined ? undefined : compileWhere(where) });
  add('conversation.*.closed', 'm0');
  add('conversation.#', 'm1', { 'metadata.userId': { prefix: 'vip-' } });
  add('#.closed', 'm2');
  const shapes = [(i: number) => `conversation.user${i}.opened`, (i: number) => `orders.${i}.*`, (i: number) => `tenant${i}.#`, (i: number) => `conversation.*.state${i}`, (i: number) => `#.event${i}`];
  for (let i = 0; i < others; i++) {
    const pattern = (shapes[i % shapes.length] as (i: number) => string)(i);
    add(pattern, `o${i}`, i % 5 === 3 ? { 'payload.seq': { lt: -1 } } : undefined);
  }
  return trie;
}

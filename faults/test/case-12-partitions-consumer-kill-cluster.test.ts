import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { poisonTakerDeaths } from '../src/checks/poison-taker-deaths.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ConsumerPool } from '../src/process/consumer-pool.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { runConsumerKills } from '../src/process/run-consumer-kills.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { startRedisTarget } from '../src/redis/start-redis-target.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';

// Case 12 (issue 15): case 2 on a partitioned queue. 3 partitions over the 3-master cluster, 4
// consumer processes (each declares the queue), one SIGKILLed by pid every 2 s and replaced
// (10 kills), while 3,000 messages of 20–200 ms each are processed, a third of them in 30 groups;
// a poison message kills whoever takes it. Nothing may be lost in any partition.
test('case 12 cluster: 3 partitions, 3,000 messages, 4 processes x 4, SIGKILL a random consumer every 2 s (10 kills), a poison message', async () => {
  const random = useTestSeed('case 12 cluster');
  const dir = createCaseDir('case12');
  const redis = await startRedisTarget('cluster', dir);
  const queueName = 'faults.case12';
  const leaseMs = 1000;
  const commandTimeoutMs = 3000;
  const config: ConsumerConfig = { redisUrl: redis.url, queueName, ledgerDir: dir.ledger, concurrency: 4, leaseMs, commandTimeoutMs, partitions: 3 };
  const pool = new ConsumerPool(4, (i) => ForkedWorker.start('consumer-main.ts', `consumer-${i}`, config), 30);
  const queue = createRedisQueue({ url: redis.url, commandTimeoutMs });
  onTestFinished(async () => {
    await pool.stop().catch(() => undefined);
    await Promise.all(pool.all.map((w) => w.kill('SIGKILL')));
    await queue.disconnect();
    await redis.stop();
    dir.remove();
  });
  await queue.connect();
  await queue.declareQueue(queueName, { partitions: 3 });
  const { poisonId, dead, entries, report, orphans, unexplained } = await runConsumerKills({ label: 'case 12 cluster, 3 partitions', queue, queueName, pool, dir, random, count: 3000, kills: 10, leaseMs,
    // A third of the messages in 30 groups; the backlog is the whole queue across its partitions.
    groupOf: (i) => (i % 3 === 0 ? `g${i % 30}` : undefined),
    afterEnqueue: async () => expect((await queue.getStats(queueName)).pendingMessages).toBe(3001),
  });

  expect(report.lost).toEqual([]);
  expect(unexplained).toEqual([]);
  expect(orphans.missing).toEqual([]);
  expect(orphans.late).toEqual([]);
  expect(dead.map((d) => [d.id, d.error.code])).toEqual([[poisonId, 'MQ_LEASE_EXPIRED']]);
  expect(entries.filter((e) => e.id === poisonId && e.kind === 'start')).toHaveLength(3);
  expect(pool.kills.filter((k) => k.cause === 'test')).toHaveLength(10);
  // Each of the 3 takers died (its own kill, or the test's when that came first), nobody else by itself.
  expect(poisonTakerDeaths(entries, pool.kills, poisonId)).toEqual({ takersDead: 3, takersAlive: [], otherSelfDeaths: [] });
  const stats = await queue.getStats(queueName);
  expect(stats.pendingMessages + stats.processingMessages).toBe(0);
  expect(pool.all.flatMap((w) => w.problems)).toEqual([]);
});

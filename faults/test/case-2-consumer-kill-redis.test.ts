import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { poisonTakerDeaths } from '../src/checks/poison-taker-deaths.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ConsumerPool } from '../src/process/consumer-pool.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { runConsumerKills } from '../src/process/run-consumer-kills.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';

// Case 2 on Redis: 4 consumer processes, one SIGKILLed by pid every 2 s and replaced (15 kills),
// while 5,000 messages of 20–200 ms each are processed; a poison message kills whoever takes it.
test('case 2 redis: 5,000 messages, 4 processes x 4, SIGKILL a random consumer every 2 s (15 kills), a poison message', async () => {
  const random = useTestSeed('case 2 redis');
  const dir = createCaseDir('case2');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const queueName = 'faults.case2';
  const leaseMs = 1000;
  const commandTimeoutMs = 3000;
  const config: ConsumerConfig = { redisUrl: server.url, queueName, ledgerDir: dir.ledger, concurrency: 4, leaseMs, commandTimeoutMs };
  const pool = new ConsumerPool(4, (i) => ForkedWorker.start('consumer-main.ts', `consumer-${i}`, config), 40);
  const queue = createRedisQueue({ url: server.url, commandTimeoutMs });
  onTestFinished(async () => {
    await pool.stop().catch(() => undefined);
    await Promise.all(pool.all.map((w) => w.kill('SIGKILL')));
    await queue.disconnect();
    await server.stop();
    dir.remove();
  });
  await queue.connect();
  const { poisonId, dead, entries, report, orphans, unexplained } = await runConsumerKills({ label: 'case 2 redis', queue, queueName, pool, dir, random, count: 5000, kills: 15, leaseMs });

  expect(report.lost).toEqual([]);
  expect(unexplained).toEqual([]);
  expect(orphans.missing).toEqual([]);
  expect(orphans.late).toEqual([]);
  expect(dead.map((d) => [d.id, d.error.code])).toEqual([[poisonId, 'MQ_LEASE_EXPIRED']]);
  expect(entries.filter((e) => e.id === poisonId && e.kind === 'start')).toHaveLength(3);
  expect(pool.kills.filter((k) => k.cause === 'test')).toHaveLength(15);
  // Each of the 3 takers died (its own kill, or the test's when that came first), nobody else by itself.
  expect(poisonTakerDeaths(entries, pool.kills, poisonId)).toEqual({ takersDead: 3, takersAlive: [], otherSelfDeaths: [] });
  expect(pool.all.flatMap((w) => w.problems)).toEqual([]);
});

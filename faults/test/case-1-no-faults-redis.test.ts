import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { readLedgerDir } from '../src/ledger/read-ledger-dir.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { startRedisTarget, type RedisTargetKind } from '../src/redis/start-redis-target.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import type { ProducerConfig } from '../src/workers/producer-config.js';

// Case 1 on Redis: 3 producer processes and 4 consumer processes (concurrency 4) share one queue,
// on a standalone server and on the 3-master cluster.
test.each<RedisTargetKind>(['standalone', 'cluster'])('case 1 redis %s: 20,000 messages from 3 producers, 4 processes x 4, priorities and delays', async (kind) => {
  const random = useTestSeed(`case 1 redis ${kind}`);
  const dir = createCaseDir(`case1-${kind}`);
  const redis = await startRedisTarget(kind, dir);
  const workers: ForkedWorker[] = [];
  onTestFinished(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await redis.stop();
    dir.remove();
  });
  const queueName = 'faults.case1';
  const commandTimeoutMs = 5000;
  const consumerConfig: ConsumerConfig = { redisUrl: redis.url, queueName, ledgerDir: dir.ledger, concurrency: 4, leaseMs: 30_000, commandTimeoutMs };
  workers.push(...(await Promise.all([1, 2, 3, 4].map((i) => ForkedWorker.start('consumer-main.ts', `consumer-${i}`, consumerConfig)))));
  const producers = await Promise.all(
    [6667, 6667, 6666].map((count, n) => {
      const config: ProducerConfig = {
        // Each failed attempt reaches the producer (its own retries, or none): the queue retries nothing itself.
        enqueueTimeoutMs: 0,
        redisUrl: redis.url,
        queueName,
        ledgerDir: dir.ledger,
        plan: { idPrefix: `p${n}`, count, randomPriority: true, delayedShare: 0.1, maxDelayMs: 2000 },
        seed: random.seed + n,
        concurrency: 16,
        commandTimeoutMs,
      };
      return ForkedWorker.start('producer-main.ts', `producer-${n}`, config);
    }),
  );
  workers.push(...producers);
  await Promise.all(producers.map((p) => p.next((m) => m.type === 'finished', 120_000, 'producer to finish')));

  const observer = createRedisQueue({ url: redis.url, commandTimeoutMs });
  await observer.connect();
  onTestFinished(() => observer.disconnect());
  await waitUntil(async () => (await observer.getStats(queueName)).completedMessages >= 20_000, { timeoutMs: 120_000, intervalMs: 200, what: '20,000 completed' });
  const stats = await observer.getStats(queueName);
  const reports = await Promise.all(workers.filter((w) => w.alive && !producers.includes(w)).map((w) => w.report()));
  const report = computeLedgerReport(readLedgerDir(dir.ledger), []);
  console.log(formatLedgerReport(`case 1 redis ${kind}`, report, { errors: reports }));

  expect(report.enqueued).toBe(20_000);
  expect(report.lost).toEqual([]);
  expect(report.dups).toEqual([]);
  expect(stats).toMatchObject({ pendingMessages: 0, processingMessages: 0, failedMessages: 0, completedMessages: 20_000, totalMessages: 20_000 });
  expect(workers.flatMap((w) => w.problems)).toEqual([]);
});

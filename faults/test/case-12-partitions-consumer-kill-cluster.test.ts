import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { analyzeOrphans } from '../src/checks/analyze-orphans.js';
import { duplicatesNotFrom } from '../src/checks/duplicates-not-from.js';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createFileLedger } from '../src/ledger/file-ledger.js';
import { readLedgerDir } from '../src/ledger/read-ledger-dir.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ConsumerPool } from '../src/process/consumer-pool.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { startRedisTarget } from '../src/redis/start-redis-target.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import { planMessages } from '../src/workers/plan-messages.js';

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
  const ledger = createFileLedger(dir.ledger, 'producer');
  const poisonId = 'poison';
  await queue.enqueue(queueName, queue.createMessage('fault', { seq: -1, poison: true }, { id: poisonId, priority: 10, maxRetries: 2 }));
  ledger.append({ kind: 'enqueued', id: poisonId, pid: process.pid, attempt: 1, at: Date.now() });
  const planned = planMessages({ idPrefix: 'm', count: 3000, workMs: [20, 200] }, random);
  for (let i = 0; i < planned.length; i += 500) {
    const batch = planned.slice(i, i + 500);
    await queue.enqueueMany(queueName, batch.map((m, k) => queue.createMessage('fault', m.payload, { id: m.id, ...((i + k) % 3 === 0 ? { groupId: `g${(i + k) % 30}` } : {}) })));
    for (const m of batch) ledger.append({ kind: 'enqueued', id: m.id, pid: process.pid, attempt: 1, at: Date.now() });
  }
  expect((await queue.getStats(queueName)).pendingMessages).toBe(3001);

  await pool.start();
  for (let kill = 0; kill < 10; kill++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await pool.killRandom(random);
  }
  await waitUntil(
    async () => {
      const stats = await queue.getStats(queueName);
      return stats.completedMessages + stats.failedMessages >= 3001;
    },
    { timeoutMs: 120_000, intervalMs: 200, what: 'all 3,000 completed and the poison dead-lettered' },
  );
  await pool.stop();

  const dead = await queue.deadLetters(queueName);
  const entries = readLedgerDir(dir.ledger);
  const report = computeLedgerReport(entries, dead.map((d) => d.id));
  const orphans = analyzeOrphans(entries, pool.kills, leaseMs + 2000, new Map(dead.map((d) => [d.id, d.failedAt])));
  const unexplained = duplicatesNotFrom(entries, report.dups, new Set(pool.kills.map((k) => k.pid)));
  console.log(
    formatLedgerReport('case 12 cluster, 3 partitions', report, {
      kills: pool.kills.length,
      orphans: orphans.orphans,
      ackedAtDeath: orphans.ackedAtDeath,
      maxRedeliveryMs: orphans.maxRedeliveryMs,
      late: orphans.late.length,
    }),
  );

  expect(report.lost).toEqual([]);
  expect(unexplained).toEqual([]);
  expect(orphans.missing).toEqual([]);
  expect(orphans.late).toEqual([]);
  expect(dead.map((d) => [d.id, d.error.code])).toEqual([[poisonId, 'MQ_LEASE_EXPIRED']]);
  expect(entries.filter((e) => e.id === poisonId && e.kind === 'start')).toHaveLength(3);
  expect(pool.kills.filter((k) => k.cause === 'test')).toHaveLength(10);
  expect(pool.kills.filter((k) => k.cause === 'self')).toHaveLength(3);
  const stats = await queue.getStats(queueName);
  expect(stats.pendingMessages + stats.processingMessages).toBe(0);
  expect(pool.all.flatMap((w) => w.problems)).toEqual([]);
});

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
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import { planMessages } from '../src/workers/plan-messages.js';

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
  const ledger = createFileLedger(dir.ledger, 'producer');
  const poisonId = 'poison';
  await queue.enqueue(queueName, queue.createMessage('fault', { seq: -1, poison: true }, { id: poisonId, priority: 10, maxRetries: 2 }));
  ledger.append({ kind: 'enqueued', id: poisonId, pid: process.pid, attempt: 1, at: Date.now() });
  const planned = planMessages({ idPrefix: 'm', count: 5000, workMs: [20, 200] }, random);
  for (let i = 0; i < planned.length; i += 500) {
    const batch = planned.slice(i, i + 500);
    await queue.enqueueMany(queueName, batch.map((m) => queue.createMessage('fault', m.payload, { id: m.id })));
    for (const m of batch) ledger.append({ kind: 'enqueued', id: m.id, pid: process.pid, attempt: 1, at: Date.now() });
  }

  await pool.start();
  for (let kill = 0; kill < 15; kill++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await pool.killRandom(random);
  }
  await waitUntil(
    async () => {
      const stats = await queue.getStats(queueName);
      return stats.completedMessages + stats.failedMessages >= 5001;
    },
    { timeoutMs: 120_000, intervalMs: 200, what: 'all 5,000 completed and the poison dead-lettered' },
  );
  await pool.stop();

  const dead = await queue.deadLetters(queueName);
  const entries = readLedgerDir(dir.ledger);
  const report = computeLedgerReport(entries, dead.map((d) => d.id));
  const orphans = analyzeOrphans(entries, pool.kills, leaseMs + 2000, new Map(dead.map((d) => [d.id, d.failedAt])));
  const unexplained = duplicatesNotFrom(entries, report.dups, new Set(pool.kills.map((k) => k.pid)));
  console.log(
    formatLedgerReport('case 2 redis', report, {
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
  expect(pool.kills.filter((k) => k.cause === 'test')).toHaveLength(15);
  expect(pool.kills.filter((k) => k.cause === 'self')).toHaveLength(3);
  expect(pool.all.flatMap((w) => w.problems)).toEqual([]);
});

import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { terminalStates } from '../src/checks/terminal-states.js';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createFileLedger } from '../src/ledger/file-ledger.js';
import { LedgerFollower } from '../src/ledger/ledger-follower.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import { planMessages } from '../src/workers/plan-messages.js';

// Case 5 on Redis: 1% of handlers busy-wait 1.5 leases, blocking their process's event loop (its
// other messages miss their leases too). A blocked message's next delivery fails for good; the
// stale holder's late ack must be refused and must not overwrite that outcome.
test('case 5 redis: 2,000 messages, 1% of handlers block the event loop longer than the lease', async () => {
  const random = useTestSeed('case 5 redis');
  const dir = createCaseDir('case5');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const queue = createRedisQueue({ url: server.url, commandTimeoutMs: 5000 });
  const workers: ForkedWorker[] = [];
  onTestFinished(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await queue.disconnect();
    await server.stop();
    dir.remove();
  });
  await queue.connect();
  const queueName = 'faults.case5';
  const leaseMs = 1000;
  const planned = planMessages({ idPrefix: 'm', count: 2000, workMs: [5, 20] }, random).map((m) =>
    random.next() < 0.01 ? { ...m, payload: { ...m.payload, blockMs: leaseMs * 1.5, unrecoverableFromAttempt: 2 } } : m,
  );
  const blockers = planned.filter((m) => m.payload.blockMs !== undefined).map((m) => m.id);
  const ledger = createFileLedger(dir.ledger, 'producer');
  for (let i = 0; i < planned.length; i += 500) {
    const batch = planned.slice(i, i + 500);
    await queue.enqueueMany(queueName, batch.map((m) => queue.createMessage('fault', m.payload, { id: m.id })));
    for (const m of batch) ledger.append({ kind: 'enqueued', id: m.id, pid: process.pid, attempt: 1, at: Date.now() });
  }
  const config: ConsumerConfig = { redisUrl: server.url, queueName, ledgerDir: dir.ledger, concurrency: 4, leaseMs, handlerTimeoutMs: leaseMs * 5, commandTimeoutMs: 5000 };
  workers.push(...(await Promise.all([1, 2, 3, 4].map((i) => ForkedWorker.start('consumer-main.ts', `consumer-${i}`, config)))));

  const follower = new LedgerFollower(dir.ledger);
  await waitUntil(
    async () => {
      follower.poll();
      const stats = await queue.getStats(queueName);
      const settled = stats.completedMessages + stats.failedMessages === 2000 && stats.processingMessages === 0 && stats.pendingMessages === 0;
      return settled && blockers.every((id) => follower.entries.some((e) => e.id === id && (e.kind === 'leaseLost' || e.kind === 'acked')));
    },
    { timeoutMs: 90_000, intervalMs: 200, what: 'every message in a terminal state and every stale holder done' },
  );

  const entries = follower.entries;
  const dead = await queue.deadLetters(queueName, { limit: 1000 });
  const deadIds = new Set(dead.map((d) => d.id));
  const terminal = terminalStates(planned.map((m) => m.id), entries, deadIds);
  const report = computeLedgerReport(entries, deadIds);
  const staleRefused = blockers.filter((id) => entries.some((e) => e.id === id && e.kind === 'leaseLost'));
  console.log(
    formatLedgerReport('case 5 redis', report, {
      blockers: blockers.length,
      staleAcksRefused: staleRefused.length,
      leaseLostTotal: entries.filter((e) => e.kind === 'leaseLost').length,
      terminalCompleted: terminal.completed,
      terminalDead: terminal.dead,
    }),
  );

  expect(blockers.length).toBeGreaterThan(0);
  expect(report.lost).toEqual([]);
  expect(terminal.none).toEqual([]);
  expect(terminal.several).toEqual([]);
  expect(staleRefused).toEqual(blockers);
  expect([...deadIds].sort()).toEqual([...blockers].sort());
  expect(dead.every((d) => d.error.code === 'MQ_UNRECOVERABLE')).toBe(true);
  expect(workers.flatMap((w) => w.problems)).toEqual([]);
});

import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createFileLedger } from '../src/ledger/file-ledger.js';
import { readLedgerDir } from '../src/ledger/read-ledger-dir.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import { planMessages } from '../src/workers/plan-messages.js';

// Case 8: SIGTERM to a consumer process with messages in flight. Its SIGTERM handler closes the
// subscription and disconnects: it takes nothing new, finishes (or gives back) what it holds
// within closeTimeoutMs and exits 0. The lease is long (60 s), so a message it kept without
// finishing would not come back within the wait below.
test('case 8 redis: SIGTERM a consumer with messages in flight, 300 messages, 2 processes x 4', async () => {
  const random = useTestSeed('case 8 redis');
  const dir = createCaseDir('case8');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const queueName = 'faults.case8';
  const closeTimeoutMs = 3000;
  const config: ConsumerConfig = { redisUrl: server.url, queueName, ledgerDir: dir.ledger, concurrency: 4, leaseMs: 60_000, commandTimeoutMs: 3000, closeTimeoutMs };
  const queue = createRedisQueue({ url: server.url, commandTimeoutMs: 3000 });
  const workers: ForkedWorker[] = [];
  onTestFinished(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await queue.disconnect();
    await server.stop();
    dir.remove();
  });
  await queue.connect();
  const [victim, survivor] = await Promise.all([ForkedWorker.start('consumer-main.ts', 'victim', config), ForkedWorker.start('consumer-main.ts', 'survivor', config)]);
  workers.push(victim, survivor);

  const count = 300;
  const ledger = createFileLedger(dir.ledger, 'producer');
  const planned = planMessages({ idPrefix: 'm', count, workMs: [50, 250] }, random);
  await queue.enqueueMany(queueName, planned.map((m) => queue.createMessage('fault', m.payload, { id: m.id })));
  for (const m of planned) ledger.append({ kind: 'enqueued', id: m.id, pid: process.pid, attempt: 1, at: Date.now() });

  const victimInFlight = (): string[] => {
    const mine = readLedgerDir(dir.ledger).filter((e) => e.pid === victim.pid);
    const done = new Set(mine.filter((e) => e.kind === 'done').map((e) => e.id));
    return mine.filter((e) => e.kind === 'start' && !done.has(e.id)).map((e) => e.id);
  };
  await waitUntil(() => victimInFlight().length >= 3, { timeoutMs: 20_000, intervalMs: 5, what: 'the victim to hold 3 messages' });
  const sigtermAt = Date.now();
  const exit = await victim.kill('SIGTERM', closeTimeoutMs + 10_000);
  const shutdownMs = Date.now() - sigtermAt;

  await waitUntil(async () => (await queue.getStats(queueName)).completedMessages >= count, { timeoutMs: 30_000, intervalMs: 100, what: `${count} completed` });
  const stats = await queue.getStats(queueName);
  const entries = readLedgerDir(dir.ledger);
  const victimEntries = entries.filter((e) => e.pid === victim.pid);
  const heldAtSigterm = new Set(victimEntries.filter((e) => e.kind === 'start' && e.at <= sigtermAt).map((e) => e.id));
  for (const e of victimEntries) if (e.kind === 'done' && e.at <= sigtermAt) heldAtSigterm.delete(e.id);
  const finished = [...heldAtSigterm].filter((id) => victimEntries.some((e) => e.kind === 'done' && e.id === id));
  const released = [...heldAtSigterm].filter((id) => !finished.includes(id) && entries.some((e) => e.kind === 'start' && e.id === id && e.pid === survivor.pid));
  const startedAfter = victimEntries.filter((e) => e.kind === 'start' && e.at > sigtermAt).map((e) => e.id);
  const lastVictimLineMs = Math.max(...victimEntries.map((e) => e.at)) - sigtermAt;
  const report = computeLedgerReport(entries, []);
  console.log(
    formatLedgerReport('case 8 redis', report, {
      exit,
      shutdownMs,
      closeTimeoutMs,
      heldAtSigterm: heldAtSigterm.size,
      finished: finished.length,
      released: released.length,
      startedAfterSigterm: startedAfter.length,
      lastVictimLineMs,
      errors: await survivor.report(),
    }),
  );

  expect(exit).toEqual({ code: 0, signal: null });
  expect(shutdownMs).toBeLessThan(closeTimeoutMs + 2000);
  expect(heldAtSigterm.size).toBeGreaterThanOrEqual(3);
  expect(finished.length + released.length).toBe(heldAtSigterm.size);
  expect(startedAfter).toEqual([]);
  expect(report.enqueued).toBe(count);
  expect(report.lost).toEqual([]);
  expect(report.dups).toEqual([]);
  expect(stats).toMatchObject({ pendingMessages: 0, processingMessages: 0, failedMessages: 0, completedMessages: count });
  expect(workers.flatMap((w) => w.problems)).toEqual([]);
});

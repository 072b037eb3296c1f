import type { MessageQueue } from '@mq/core';
import { analyzeOrphans } from '../checks/analyze-orphans.js';
import { duplicatesNotFrom } from '../checks/duplicates-not-from.js';
import { computeLedgerReport, formatLedgerReport } from '../ledger/compute-ledger-report.js';
import { createFileLedger } from '../ledger/file-ledger.js';
import { readLedgerDir } from '../ledger/read-ledger-dir.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { planMessages } from '../workers/plan-messages.js';
import type { CaseDir } from './case-dir.js';
import type { ConsumerPool } from './consumer-pool.js';
import { waitUntil } from './wait-until.js';

export interface ConsumerKillsPlan {
  readonly label: string;
  readonly queue: MessageQueue;
  readonly queueName: string;
  readonly pool: ConsumerPool;
  readonly dir: CaseDir;
  readonly random: SeededRandom;
  /** Messages of 20–200 ms work each, besides the poison message. */
  readonly count: number;
  /** SIGKILLs by the test, one every 2 s. */
  readonly kills: number;
  readonly leaseMs: number;
  /** The groupId of the i-th message, if any. */
  readonly groupOf?: (index: number) => string | undefined;
  /** Runs once everything is enqueued, before the consumers start (a test's checks of the backlog). */
  readonly afterEnqueue?: () => Promise<void>;
}

/**
 * Cases 2 and 12: enqueue a poison message (it kills whoever takes it) and `count` messages through
 * the ledger, start the pool, SIGKILL a random consumer every 2 s `kills` times, wait until every
 * message completed or was dead-lettered, stop the pool and read the ledger. Prints the case's
 * line and returns what the test asserts on.
 */
export async function runConsumerKills(plan: ConsumerKillsPlan): Promise<{ poisonId: string; dead: Awaited<ReturnType<MessageQueue['deadLetters']>>; entries: ReturnType<typeof readLedgerDir>; report: ReturnType<typeof computeLedgerReport>; orphans: ReturnType<typeof analyzeOrphans>; unexplained: ReturnType<typeof duplicatesNotFrom> }> {
  const { queue, queueName, pool, dir, random, count, kills, leaseMs, groupOf } = plan;
  const ledger = createFileLedger(dir.ledger, 'producer');
  const poisonId = 'poison';
  await queue.enqueue(queueName, queue.createMessage('fault', { seq: -1, poison: true }, { id: poisonId, priority: 10, maxRetries: 2 }));
  ledger.append({ kind: 'enqueued', id: poisonId, pid: process.pid, attempt: 1, at: Date.now() });
  const planned = planMessages({ idPrefix: 'm', count, workMs: [20, 200] }, random);
  for (let i = 0; i < planned.length; i += 500) {
    const batch = planned.slice(i, i + 500);
    await queue.enqueueMany(queueName, batch.map((m, k) => {
      const groupId = groupOf?.(i + k);
      return queue.createMessage('fault', m.payload, { id: m.id, ...(groupId === undefined ? {} : { groupId }) });
    }));
    for (const m of batch) ledger.append({ kind: 'enqueued', id: m.id, pid: process.pid, attempt: 1, at: Date.now() });
  }

  await plan.afterEnqueue?.();
  await pool.start();
  for (let kill = 0; kill < kills; kill++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await pool.killRandom(random);
  }
  await waitUntil(
    async () => {
      const stats = await queue.getStats(queueName);
      return stats.completedMessages + stats.failedMessages >= count + 1;
    },
    { timeoutMs: 120_000, intervalMs: 200, what: `all ${count.toLocaleString('en')} completed and the poison dead-lettered` },
  );
  await pool.stop();

  const dead = await queue.deadLetters(queueName);
  const entries = readLedgerDir(dir.ledger);
  const report = computeLedgerReport(entries, dead.map((d) => d.id));
  const orphans = analyzeOrphans(entries, pool.kills, leaseMs + 2000, new Map(dead.map((d) => [d.id, d.failedAt])));
  const unexplained = duplicatesNotFrom(entries, report.dups, new Set(pool.kills.map((k) => k.pid)));
  console.log(
    formatLedgerReport(plan.label, report, {
      kills: pool.kills.length,
      orphans: orphans.orphans,
      ackedAtDeath: orphans.ackedAtDeath,
      maxRedeliveryMs: orphans.maxRedeliveryMs,
      late: orphans.late.length,
    }),
  );
  return { poisonId, dead, entries, report, orphans, unexplained };
}

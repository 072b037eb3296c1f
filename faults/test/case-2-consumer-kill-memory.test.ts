import { ManualClock, MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { expect, test } from 'vitest';
import { analyzeOrphans } from '../src/checks/analyze-orphans.js';
import { duplicatesNotFrom } from '../src/checks/duplicates-not-from.js';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { createCrashableProvider } from '../src/memory/crashable-provider.js';
import { startInProcessConsumer, type InProcessConsumer } from '../src/memory/in-process-consumer.js';
import { runManualClock } from '../src/memory/run-manual-clock.js';
import type { KillRecord } from '../src/process/consumer-pool.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { planMessages } from '../src/workers/plan-messages.js';

// Case 2 on the in-memory provider. One store cannot outlive its process, so a "kill" here freezes
// one consumer of the shared store the way SIGKILL freezes a process: its leases stay until they
// expire, nothing it does afterwards reaches the store. A ManualClock runs the case's minutes at once.
test('case 2 memory: 5,000 messages, 4 consumers x 4, a consumer killed every 2 s (15 kills), a poison message', async () => {
  const random = useTestSeed('case 2 memory');
  const queueName = 'faults.case2';
  const leaseMs = 1000;
  const clock = new ManualClock();
  const provider = createInMemoryProvider({ clock });
  const ledger = createMemoryLedger();
  const producer = new MessageQueue({ provider: createCrashableProvider(provider, { shared: true }).provider, clock });
  await producer.connect();
  const poisonId = 'poison';
  await producer.enqueue(queueName, producer.createMessage('fault', { seq: -1, poison: true }, { id: poisonId, priority: 10, maxRetries: 2 }));
  for (const m of planMessages({ idPrefix: 'm', count: 5000, workMs: [20, 200] }, random)) {
    await producer.enqueue(queueName, producer.createMessage('fault', m.payload, { id: m.id }));
    ledger.append({ kind: 'enqueued', id: m.id, pid: 0, attempt: 1, at: clock.now() });
  }
  ledger.append({ kind: 'enqueued', id: poisonId, pid: 0, attempt: 1, at: clock.now() });

  const consumers: InProcessConsumer[] = [];
  const kills: KillRecord[] = [];
  let nextPid = 1;
  const startConsumer = async (): Promise<void> => {
    consumers.push(await startInProcessConsumer({ provider, shared: true, pid: nextPid++, clock, ledger, queueName, concurrency: 4, leaseMs }));
  };
  for (let i = 0; i < 4; i++) await startConsumer();
  const started = clock.now();
  let testKills = 0;
  const processed = new Set<string>();

  await runManualClock(
    clock,
    async () => {
      for (const e of ledger.entries.slice(-200)) if (e.kind === 'done') processed.add(e.id);
      return testKills >= 15 && processed.size >= 5000 && (await producer.deadLetters(queueName)).length > 0;
    },
    {
      stepMs: 10,
      maxMs: 600_000,
      what: 'every message processed, 15 kills and the poison message dead-lettered',
      beforeStep: async (now) => {
        for (const c of consumers.filter((c) => !c.alive && !kills.some((k) => k.pid === c.pid))) {
          kills.push({ pid: c.pid, at: now, cause: 'self' });
          await startConsumer();
        }
        if (testKills < 15 && now - started >= (testKills + 1) * 2000) {
          const victim = random.pick(consumers.filter((c) => c.alive));
          victim.kill();
          kills.push({ pid: victim.pid, at: now, cause: 'test' });
          testKills++;
          await startConsumer();
        }
      },
    },
  );

  const dead = await producer.deadLetters(queueName);
  const report = computeLedgerReport(ledger.entries, dead.map((d) => d.id));
  const orphans = analyzeOrphans(ledger.entries, kills, leaseMs + 2000, new Map(dead.map((d) => [d.id, d.failedAt])));
  const unexplained = duplicatesNotFrom(ledger.entries, report.dups, new Set(kills.map((k) => k.pid)));
  console.log(formatLedgerReport('case 2 memory', report, { kills: kills.length, orphans: orphans.orphans, maxRedeliveryMs: orphans.maxRedeliveryMs, late: orphans.late.length }));

  expect(report.lost).toEqual([]);
  expect(unexplained).toEqual([]);
  expect(orphans.missing).toEqual([]);
  expect(orphans.late).toEqual([]);
  // The poison ran 3 times (maxRetries 2); the 4th take found it out of attempts and dead-lettered it.
  expect(dead.map((d) => [d.id, d.error.code])).toEqual([[poisonId, 'MQ_LEASE_EXPIRED']]);
  expect(ledger.entries.filter((e) => e.id === poisonId && e.kind === 'start')).toHaveLength(3);
  expect(kills.filter((k) => k.cause === 'self')).toHaveLength(3);
  for (const c of consumers) await c.stop();
});

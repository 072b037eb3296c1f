import { MessageQueue, systemClock } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { expect, test } from 'vitest';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { createCrashableProvider } from '../src/memory/crashable-provider.js';
import { startInProcessConsumer } from '../src/memory/in-process-consumer.js';
import { waitUntil } from '../src/process/wait-until.js';
import { createSeededRandom } from '../src/random/seeded-random.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { planMessages } from '../src/workers/plan-messages.js';

// Case 1 on the in-memory provider: one store in this process, 4 consumers (each its own
// MessageQueue, concurrency 4) and 3 producers. Real time: delays of 0–2 s really pass.
test('case 1 memory: 20,000 messages from 3 producers, 4 consumers x 4, priorities and delays', async () => {
  const random = useTestSeed('case 1 memory');
  const queueName = 'faults.case1';
  const provider = createInMemoryProvider();
  const ledger = createMemoryLedger();
  const consumers = await Promise.all(
    [1, 2, 3, 4].map((pid) => startInProcessConsumer({ provider, shared: true, pid, clock: systemClock, ledger, queueName, concurrency: 4, leaseMs: 30_000 })),
  );
  const producer = new MessageQueue({ provider: createCrashableProvider(provider, { shared: true }).provider });
  await producer.connect();

  const counts = [6667, 6667, 6666];
  await Promise.all(
    counts.map(async (count, n) => {
      const plan = planMessages({ idPrefix: `p${n}`, count, randomPriority: true, delayedShare: 0.1, maxDelayMs: 2000 }, createSeededRandom(random.seed + n));
      for (const m of plan) {
        await producer.enqueue(queueName, producer.createMessage('fault', m.payload, { id: m.id, priority: m.priority, delayMs: m.delayMs }));
        ledger.append({ kind: 'enqueued', id: m.id, pid: 100 + n, attempt: 1, at: Date.now() });
      }
    }),
  );
  await waitUntil(async () => (await producer.getStats(queueName)).completedMessages === 20_000, { timeoutMs: 60_000, what: '20,000 completed' });

  const stats = await producer.getStats(queueName);
  const report = computeLedgerReport(ledger.entries, []);
  console.log(formatLedgerReport('case 1 memory', report));
  expect(report.enqueued).toBe(20_000);
  expect(report.lost).toEqual([]);
  expect(report.dups).toEqual([]);
  expect(stats).toMatchObject({ pendingMessages: 0, processingMessages: 0, failedMessages: 0, completedMessages: 20_000, totalMessages: 20_000 });
  expect(consumers.map((c) => c.errors)).toEqual([{}, {}, {}, {}]);
  await Promise.all(consumers.map((c) => c.stop()));
  await producer.disconnect();
});

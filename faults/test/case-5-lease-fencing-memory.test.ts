import { ManualClock, MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { expect, test } from 'vitest';
import { terminalStates } from '../src/checks/terminal-states.js';
import { computeLedgerReport, formatLedgerReport } from '../src/ledger/compute-ledger-report.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { createCrashableProvider } from '../src/memory/crashable-provider.js';
import { startInProcessConsumer } from '../src/memory/in-process-consumer.js';
import { runManualClock } from '../src/memory/run-manual-clock.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { planMessages } from '../src/workers/plan-messages.js';

// Case 5 on the in-memory provider: consumers share one event loop here, so a handler that
// "blocks longer than the lease" holds its message on the case's ManualClock for 1.5 leases
// while the other consumers go on. Its second delivery fails for good (UnrecoverableError): the
// stale first holder's late ack must be refused and must not turn that dead letter into a success.
test('case 5 memory: 2,000 messages, 1% of handlers hold their message past the lease', async () => {
  const random = useTestSeed('case 5 memory');
  const queueName = 'faults.case5';
  const leaseMs = 1000;
  const clock = new ManualClock();
  const provider = createInMemoryProvider({ clock });
  const ledger = createMemoryLedger();
  const producer = new MessageQueue({ provider: createCrashableProvider(provider, { shared: true }).provider, clock });
  await producer.connect();
  const planned = planMessages({ idPrefix: 'm', count: 2000, workMs: [5, 20] }, random).map((m) =>
    random.next() < 0.01 ? { ...m, payload: { ...m.payload, blockMs: leaseMs * 1.5, unrecoverableFromAttempt: 2 } } : m,
  );
  const blockers = planned.filter((m) => m.payload.blockMs !== undefined).map((m) => m.id);
  for (const m of planned) {
    await producer.enqueue(queueName, producer.createMessage('fault', m.payload, { id: m.id }));
    ledger.append({ kind: 'enqueued', id: m.id, pid: 0, attempt: 1, at: clock.now() });
  }
  const consumers = await Promise.all(
    [1, 2, 3, 4].map((pid) =>
      startInProcessConsumer({ provider, shared: true, pid, clock, ledger, queueName, concurrency: 4, leaseMs, handlerTimeoutMs: leaseMs * 5 }),
    ),
  );
  await runManualClock(
    clock,
    async () => {
      const stats = await producer.getStats(queueName);
      const settled = stats.completedMessages + stats.failedMessages === 2000 && stats.processingMessages === 0;
      return settled && blockers.every((id) => ledger.entries.some((e) => e.id === id && (e.kind === 'leaseLost' || e.kind === 'acked')));
    },
    { stepMs: 10, maxMs: 300_000, what: 'every message in a terminal state and every stale holder done' },
  );

  const dead = await producer.deadLetters(queueName, { limit: 1000 });
  const deadIds = new Set(dead.map((d) => d.id));
  const terminal = terminalStates(planned.map((m) => m.id), ledger.entries, deadIds);
  const report = computeLedgerReport(ledger.entries, deadIds);
  const staleRefused = blockers.filter((id) => ledger.entries.some((e) => e.id === id && e.kind === 'leaseLost'));
  const retakenFirst = blockers.filter((id) => {
    const second = ledger.entries.find((e) => e.id === id && e.kind === 'start' && e.attempt === 2);
    const refused = ledger.entries.find((e) => e.id === id && e.kind === 'leaseLost');
    return second !== undefined && refused !== undefined && second.at <= refused.at;
  });
  console.log(
    formatLedgerReport('case 5 memory', report, {
      blockers: blockers.length,
      retakenBeforeStaleAck: retakenFirst.length,
      staleAcksRefused: staleRefused.length,
      terminalCompleted: terminal.completed,
      terminalDead: terminal.dead,
    }),
  );

  expect(blockers.length).toBeGreaterThan(0);
  expect(report.lost).toEqual([]);
  expect(terminal.none).toEqual([]);
  expect(terminal.several).toEqual([]);
  expect(staleRefused).toEqual(blockers);
  expect(retakenFirst).toEqual(blockers);
  expect([...deadIds].sort()).toEqual([...blockers].sort());
  expect(dead.every((d) => d.error.code === 'MQ_UNRECOVERABLE')).toBe(true);
  for (const c of consumers) await c.stop();
});

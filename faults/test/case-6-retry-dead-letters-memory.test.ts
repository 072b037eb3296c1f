import { ManualClock, MessageQueue } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { test } from 'vitest';
import { attemptGapViolations } from '../src/checks/attempt-gaps.js';
import { expectRetryReplayOutcome } from '../src/checks/expect-retry-replay-outcome.js';
import { checkRetryOutcomes } from '../src/checks/retry-outcomes.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { createCrashableProvider } from '../src/memory/crashable-provider.js';
import { startInProcessConsumer, type InProcessConsumer } from '../src/memory/in-process-consumer.js';
import { runManualClock } from '../src/memory/run-manual-clock.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { planFailures } from '../src/workers/plan-failures.js';

// Case 6 on the in-memory provider, on a ManualClock: the default backoff (1 s, 2 s, 4 s) runs in moments.
test('case 6 memory: 1,000 messages failing their first k in 0..5 attempts, maxRetries 3, then replay', async () => {
  const random = useTestSeed('case 6 memory');
  const queueName = 'faults.case6';
  const maxRetries = 3;
  const clock = new ManualClock();
  const provider = createInMemoryProvider({ clock });
  const ledger = createMemoryLedger();
  const admin = new MessageQueue({ provider: createCrashableProvider(provider, { shared: true }).provider, clock });
  await admin.connect();
  const planned = planFailures(1000, random);
  for (const m of planned) {
    await admin.enqueue(queueName, admin.createMessage('fault', m.payload, { id: m.id, maxRetries }));
    ledger.append({ kind: 'enqueued', id: m.id, pid: 0, attempt: 1, at: clock.now() });
  }
  const start = (plannedFailures: boolean, firstPid: number): Promise<InProcessConsumer[]> =>
    Promise.all([0, 1, 2, 3].map((i) => startInProcessConsumer({ provider, shared: true, pid: firstPid + i, clock, ledger, queueName, concurrency: 4, leaseMs: 30_000, plannedFailures })));
  const settled = async (): Promise<boolean> => {
    const stats = await admin.getStats(queueName);
    return stats.completedMessages + stats.failedMessages === 1000 && stats.pendingMessages === 0 && stats.processingMessages === 0;
  };

  const consumers = await start(true, 1);
  await runManualClock(clock, settled, { stepMs: 50, maxMs: 120_000, what: 'every message completed or dead' });
  for (const c of consumers) await c.stop();
  const dead = await admin.deadLetters(queueName, { limit: 1000 });
  const outcomes = checkRetryOutcomes(planned, ledger.entries, dead, maxRetries);
  const gaps = attemptGapViolations(ledger.entries, (n) => 1000 * 2 ** (n - 1));

  const replay = await admin.replayDeadLetters(queueName);
  const replayedAt = ledger.entries.length;
  const again = await start(false, 11);
  await runManualClock(clock, settled, { stepMs: 50, maxMs: 60_000, what: 'every replayed message completed' });
  await expectRetryReplayOutcome({
    label: 'case 6 memory',
    entries: ledger.entries,
    replayedAt,
    planned,
    maxRetries,
    outcomes,
    gaps,
    dead,
    replayed: replay.replayed,
    admin,
    queueName,
  });
  for (const c of again) await c.stop();
});

import { MessageQueue, systemClock } from '@mq/core';
import { createRedisProvider, createRedisQueue } from '@mq/redis';
import { onTestFinished, test } from 'vitest';
import { attemptGapViolations } from '../src/checks/attempt-gaps.js';
import { expectRetryReplayOutcome } from '../src/checks/expect-retry-replay-outcome.js';
import { checkRetryOutcomes } from '../src/checks/retry-outcomes.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { startInProcessConsumer, type InProcessConsumer } from '../src/memory/in-process-consumer.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import { planFailures } from '../src/workers/plan-failures.js';

// Case 6 on Redis, in this process and in real time: the default backoff (1 s, 2 s, 4 s) is
// judged by the Redis server's clock; the gaps are measured by this host's clock (the same one).
test('case 6 redis: 1,000 messages failing their first k in 0..5 attempts, maxRetries 3, then replay', async () => {
  const random = useTestSeed('case 6 redis');
  const dir = createCaseDir('case6');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const admin: MessageQueue = createRedisQueue({ url: server.url });
  const consumers: InProcessConsumer[] = [];
  onTestFinished(async () => {
    for (const c of consumers) await c.stop();
    await admin.disconnect();
    await server.stop();
    dir.remove();
  });
  await admin.connect();
  const queueName = 'faults.case6';
  const maxRetries = 3;
  const ledger = createMemoryLedger();
  const planned = planFailures(1000, random);
  await admin.enqueueMany(queueName, planned.map((m) => admin.createMessage('fault', m.payload, { id: m.id, maxRetries })));
  for (const m of planned) ledger.append({ kind: 'enqueued', id: m.id, pid: 0, attempt: 1, at: Date.now() });
  const start = async (plannedFailures: boolean, firstPid: number): Promise<InProcessConsumer[]> => {
    const started = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        startInProcessConsumer({ provider: createRedisProvider({ url: server.url }), shared: false, pid: firstPid + i, clock: systemClock, ledger, queueName, concurrency: 4, leaseMs: 30_000, plannedFailures }),
      ),
    );
    consumers.push(...started);
    return started;
  };
  const settled = async (): Promise<boolean> => {
    const stats = await admin.getStats(queueName);
    return stats.completedMessages + stats.failedMessages === 1000 && stats.pendingMessages === 0 && stats.processingMessages === 0;
  };

  await start(true, 1);
  await waitUntil(settled, { timeoutMs: 60_000, intervalMs: 100, what: 'every message completed or dead' });
  for (const c of consumers.splice(0)) await c.stop();
  const dead = await admin.deadLetters(queueName, { limit: 1000 });
  const outcomes = checkRetryOutcomes(planned, ledger.entries, dead, maxRetries);
  const gaps = attemptGapViolations(ledger.entries, (n) => 1000 * 2 ** (n - 1));

  const replay = await admin.replayDeadLetters(queueName);
  const replayedAt = ledger.entries.length;
  await start(false, 11);
  await waitUntil(settled, { timeoutMs: 30_000, intervalMs: 100, what: 'every replayed message completed' });
  await expectRetryReplayOutcome({
    label: 'case 6 redis',
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
});

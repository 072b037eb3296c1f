import { createRedisQueue } from '@mq/redis';
import { expect, onTestFinished, test } from 'vitest';
import { delayLateness } from '../src/checks/delay-lateness.js';
import { readLedgerDir } from '../src/ledger/read-ledger-dir.js';
import { createCaseDir } from '../src/process/case-dir.js';
import { ForkedWorker, SKEW_CLOCK_PRELOAD } from '../src/process/forked-worker.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import { RedisServerProcess } from '../src/redis/redis-server-process.js';
import type { ConsumerConfig } from '../src/workers/consumer-config.js';
import type { ProducerConfig } from '../src/workers/producer-config.js';

const FIVE_MINUTES = 5 * 60_000;

// Case 7 on Redis: three producer processes whose Date.now() is right, 5 minutes ahead and
// 5 minutes behind schedule delayed messages; two consumer processes (right clocks) run them.
test('case 7 redis: producer processes with clocks shifted by ±5 minutes schedule delayed messages', async () => {
  const random = useTestSeed('case 7 redis');
  const dir = createCaseDir('case7');
  const server = await RedisServerProcess.start({ dir: dir.sub('redis') });
  const observer = createRedisQueue({ url: server.url });
  const workers: ForkedWorker[] = [];
  onTestFinished(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await observer.disconnect();
    await server.stop();
    dir.remove();
  });
  await observer.connect();
  const queueName = 'faults.case7';
  const config: ConsumerConfig = { redisUrl: server.url, queueName, ledgerDir: dir.ledger, concurrency: 8, leaseMs: 30_000, commandTimeoutMs: 5000 };
  workers.push(...(await Promise.all([1, 2].map((i) => ForkedWorker.start('consumer-main.ts', `consumer-${i}`, config)))));
  const skews = [0, FIVE_MINUTES, -FIVE_MINUTES];
  const producers = await Promise.all(
    skews.map((skewMs, n) => {
      const producerConfig: ProducerConfig = {
        // Each failed attempt reaches the producer (its own retries, or none): the queue retries nothing itself.
        enqueueTimeoutMs: 0,
        redisUrl: server.url,
        queueName,
        ledgerDir: dir.ledger,
        plan: { idPrefix: `p${n}`, count: 100, delayedShare: 1, maxDelayMs: 1500 },
        seed: random.seed + n,
        concurrency: 4,
        commandTimeoutMs: 5000,
        ratePerSec: 50,
        recordServerTime: true,
      };
      return ForkedWorker.start('producer-main.ts', `producer-skew-${skewMs}`, producerConfig, { preload: [SKEW_CLOCK_PRELOAD], env: { FAULTS_CLOCK_SKEW_MS: String(skewMs) } });
    }),
  );
  workers.push(...producers);
  await Promise.all(producers.map((p) => p.next((m) => m.type === 'finished', 60_000, 'producer to finish')));
  await waitUntil(async () => (await observer.getStats(queueName)).completedMessages === 300, { timeoutMs: 30_000, intervalMs: 100, what: 'all delayed messages completed' });

  const entries = readLedgerDir(dir.ledger);
  const [control, ahead, behind] = producers.map((p) => delayLateness(entries, p.pid));
  console.log(`[faults] case 7 redis: ${JSON.stringify({ control, ahead, behind }, (k, v: unknown) => (k === 'early' ? (v as unknown[]).length : v))}`);
  for (const r of [control, ahead, behind]) {
    expect(r!.messages).toBe(100);
    expect(r!.early).toEqual([]);
  }
  // Lateness unchanged: a skew that leaked into scheduling would move it by minutes.
  expect(ahead!.maxLatenessMs).toBeLessThanOrEqual(control!.maxLatenessMs + 1000);
  expect(behind!.maxLatenessMs).toBeLessThanOrEqual(control!.maxLatenessMs + 1000);
  expect(workers.flatMap((w) => w.problems)).toEqual([]);
});

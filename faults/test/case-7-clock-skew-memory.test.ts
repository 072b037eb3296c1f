import { MessageQueue, systemClock, type Clock } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { expect, test } from 'vitest';
import { delayLateness } from '../src/checks/delay-lateness.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { createCrashableProvider } from '../src/memory/crashable-provider.js';
import { startInProcessConsumer } from '../src/memory/in-process-consumer.js';
import { waitUntil } from '../src/process/wait-until.js';
import { useTestSeed } from '../src/random/use-test-seed.js';

const FIVE_MINUTES = 5 * 60_000;

// Case 7 on the in-memory provider: producers whose queue clock is 5 minutes ahead or behind
// share one store with a control producer. The store's clock alone decides when a delay ends.
test('case 7 memory: producers with clocks shifted by ±5 minutes schedule delayed messages', async () => {
  const random = useTestSeed('case 7 memory');
  const queueName = 'faults.case7';
  const provider = createInMemoryProvider();
  const ledger = createMemoryLedger();
  const skewed = (skewMs: number): Clock => ({ ...systemClock, now: () => Date.now() + skewMs });
  const skews = [0, FIVE_MINUTES, -FIVE_MINUTES];
  const producers = skews.map((skewMs) => new MessageQueue({ provider: createCrashableProvider(provider, { shared: true }).provider, clock: skewed(skewMs) }));
  for (const p of producers) await p.connect();
  const consumer = await startInProcessConsumer({ provider, shared: true, pid: 1, clock: systemClock, ledger, queueName, concurrency: 16, leaseMs: 30_000 });

  const perProducer = 100;
  for (let i = 0; i < perProducer; i++) {
    for (const [n, producer] of producers.entries()) {
      const delayMs = random.int(200, 1500);
      const id = `p${n}-${i}`;
      const serverAt = Date.now();
      await producer.enqueue(queueName, producer.createMessage('fault', { seq: i }, { id, delayMs }));
      ledger.append({ kind: 'enqueued', id, pid: 100 + n, attempt: 1, at: serverAt, serverAt, delayMs });
    }
  }
  await waitUntil(async () => (await producers[0]!.getStats(queueName)).completedMessages === perProducer * 3, { timeoutMs: 30_000, what: 'all delayed messages completed' });

  const [control, ahead, behind] = skews.map((_, n) => delayLateness(ledger.entries, 100 + n));
  console.log(`[faults] case 7 memory: ${JSON.stringify({ control, ahead, behind }, (k, v: unknown) => (k === 'early' ? (v as unknown[]).length : v))}`);
  for (const r of [control, ahead, behind]) {
    expect(r!.messages).toBe(perProducer);
    expect(r!.early).toEqual([]);
  }
  // Lateness unchanged: a skew that leaked into scheduling would move it by minutes.
  expect(ahead!.maxLatenessMs).toBeLessThanOrEqual(control!.maxLatenessMs + 1000);
  expect(behind!.maxLatenessMs).toBeLessThanOrEqual(control!.maxLatenessMs + 1000);
  await consumer.stop();
  for (const p of producers) await p.disconnect();
});

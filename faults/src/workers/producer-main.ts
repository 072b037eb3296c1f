import { isMqError } from '@mq/core';
import { createRedisQueue } from '@mq/redis';
import { Redis } from 'ioredis';
import { createFileLedger } from '../ledger/file-ledger.js';
import { createSeededRandom } from '../random/seeded-random.js';
import type { FaultPayload } from './fault-payload.js';
import { planMessages, type PlannedMessage } from './plan-messages.js';
import { PendingWatch } from './pending-watch.js';
import type { ProducerConfig } from './producer-config.js';
import { readWorkerConfig, reportProblems, tellParent } from './worker-runtime.js';

// A forked producer: enqueues its planned messages through the API, writing each outcome to the ledger.
reportProblems();
const config = readWorkerConfig<ProducerConfig>();
const pid = process.pid;
const ledger = createFileLedger(config.ledgerDir, `producer-${config.plan.idPrefix}-${pid}`);
const queue = createRedisQueue<{ [name: string]: FaultPayload }>({
  url: config.redisUrl,
  commandTimeoutMs: config.commandTimeoutMs,
  connectTimeoutMs: config.commandTimeoutMs,
  ...(config.enqueueTimeoutMs === undefined ? {} : { enqueueTimeoutMs: config.enqueueTimeoutMs }),
});
// An enqueue may retry for enqueueTimeoutMs (default 10 s), its last attempt bounded by the command timeout.
const watch = new PendingWatch((config.enqueueTimeoutMs ?? 10_000) + config.commandTimeoutMs + 1000, (label, ms) => {
  tellParent({ type: 'problem', pid, kind: 'pendingTooLong', detail: `${label} pending for ${ms} ms` });
});
const timeClient = config.recordServerTime === true ? new Redis(config.redisUrl, { lazyConnect: true }) : undefined;
const counts = { enqueued: 0, failedAttempts: 0, gaveUp: 0 };

async function serverTimeMs(): Promise<number | undefined> {
  if (timeClient === undefined) return undefined;
  const [seconds, micros] = await timeClient.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

async function send(planned: PlannedMessage): Promise<void> {
  const deadline = Date.now() + (config.retryForMs ?? 0);
  for (let attempt = 1; attempt <= 1000; attempt++) {
    const message = queue.createMessage('fault', planned.payload, { id: planned.id, priority: planned.priority, delayMs: planned.delayMs });
    const serverAt = await serverTimeMs();
    try {
      await watch.track('enqueue', queue.enqueue(config.queueName, message));
      counts.enqueued++;
      ledger.append({ kind: 'enqueued', id: planned.id, pid, attempt, at: Date.now(), delayMs: planned.delayMs, ...(serverAt === undefined ? {} : { serverAt }) });
      return;
    } catch (error) {
      if (attempt > 1 && isMqError(error, 'MQ_DUPLICATE_MESSAGE_ID')) {
        // An earlier attempt that timed out was stored after all: the store holds it now.
        counts.enqueued++;
        ledger.append({ kind: 'enqueued', id: planned.id, pid, attempt, at: Date.now(), error: 'duplicate', delayMs: planned.delayMs });
        return;
      }
      counts.failedAttempts++;
      ledger.append({ kind: 'enqueueFailed', id: planned.id, pid, attempt, at: Date.now(), error: isMqError(error) ? error.code : String(error) });
      if (Date.now() >= deadline) {
        counts.gaveUp++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
}

await queue.connect();
await timeClient?.connect();
tellParent({ type: 'ready', pid });
const planned = planMessages(config.plan, createSeededRandom(config.seed));
let next = 0;
const startedAt = Date.now();
await Promise.all(
  Array.from({ length: config.concurrency }, async () => {
    while (next < planned.length) {
      const index = next++;
      if (config.ratePerSec !== undefined) {
        const dueAt = startedAt + (index * 1000) / config.ratePerSec;
        if (dueAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now()));
      }
      await send(planned[index] as PlannedMessage);
    }
  }),
);
watch.stop();
await queue.disconnect();
timeClient?.disconnect();
tellParent({ type: 'finished', pid, summary: { ...counts, maxSettleMs: watch.maxSettleMs, overdue: watch.overdue } });
process.disconnect?.();

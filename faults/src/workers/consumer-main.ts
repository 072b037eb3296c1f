import { isMqError } from '@mq/core';
import { createRedisQueue } from '@mq/redis';
import { createFileLedger } from '../ledger/file-ledger.js';
import type { ConsumerConfig } from './consumer-config.js';
import { createLedgerHandler } from './create-ledger-handler.js';
import type { FaultPayload } from './fault-payload.js';
import { PendingWatch } from './pending-watch.js';
import { recordQueueEvents } from './record-queue-events.js';
import { onCommand, readWorkerConfig, reportProblems, tellParent } from './worker-runtime.js';

// A forked consumer: subscribes with the ledger handler until it is killed, stopped or SIGTERMed.
reportProblems();
const config = readWorkerConfig<ConsumerConfig>();
const pid = process.pid;
const ledger = createFileLedger(config.ledgerDir, `consumer-${pid}`);
const queue = createRedisQueue<{ [name: string]: FaultPayload }>({
  url: config.redisUrl,
  commandTimeoutMs: config.commandTimeoutMs,
  connectTimeoutMs: config.connectTimeoutMs ?? config.commandTimeoutMs,
  visibilityTimeoutMs: config.leaseMs,
  ...(config.retry === undefined ? {} : { retry: config.retry }),
  ...(config.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: config.closeTimeoutMs }),
});
const errors = recordQueueEvents(queue, ledger, pid, Date.now);
const watch = new PendingWatch(config.commandTimeoutMs + 1000, (label, ms) => {
  tellParent({ type: 'problem', pid, kind: 'pendingTooLong', detail: `${label} pending for ${ms} ms` });
});

const handler = createLedgerHandler({
  ledger,
  pid,
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  block: (ms) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // Busy-wait: the event loop is blocked, as in a CPU-bound handler.
    }
    return Promise.resolve();
  },
  die: () => process.kill(pid, 'SIGKILL'),
  isAlive: () => true,
});

await queue.connect();
if (config.partitions !== undefined) await queue.declareQueue(config.queueName, { partitions: config.partitions });
const subscription = queue.subscribe(config.queueName, handler, {
  concurrency: config.concurrency,
  ...(config.handlerTimeoutMs === undefined ? {} : { timeoutMs: config.handlerTimeoutMs }),
});

let probes = 0;
let probeTimer: NodeJS.Timeout | undefined;
const probe = (): void => {
  if (probes++ > 100_000) return;
  watch
    .track('getStats', queue.getStats(config.queueName))
    .catch((error: unknown) => {
      const code = isMqError(error) ? error.code : 'other';
      errors[`probe:${code}`] = (errors[`probe:${code}`] ?? 0) + 1;
    })
    .finally(() => {
      if (config.probeIntervalMs !== undefined && !stopping) probeTimer = setTimeout(probe, config.probeIntervalMs);
    });
};
if (config.probeIntervalMs !== undefined) probe();

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  clearTimeout(probeTimer);
  await subscription.close();
  await queue.disconnect();
  watch.stop();
  process.disconnect?.();
  process.exitCode = 0;
};
process.on('SIGTERM', () => void stop());
onCommand((command) => {
  if (command.type === 'stop') void stop();
  if (command.type === 'report') tellParent({ type: 'report', pid, summary: { ...errors, maxSettleMs: watch.maxSettleMs, overdue: watch.overdue } });
});
tellParent({ type: 'ready', pid });

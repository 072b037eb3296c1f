import { MessageQueue, type Clock, type RetryOptions } from '@mq/core';
import type { QueueProvider } from '@mq/core/provider';
import type { Ledger } from '../ledger/ledger-entry.js';
import { createLedgerHandler } from '../workers/create-ledger-handler.js';
import type { FaultPayload } from '../workers/fault-payload.js';
import { recordQueueEvents, type ErrorCounts } from '../workers/record-queue-events.js';
import { createCrashableProvider } from './crashable-provider.js';

export interface InProcessConsumerOptions {
  /** The provider all consumers of the case share (one in-memory store), or this consumer's own (Redis). */
  readonly provider: QueueProvider;
  /** True when `provider` is shared: the consumer neither connects nor disconnects it. */
  readonly shared: boolean;
  /** A made-up pid for the ledger. */
  readonly pid: number;
  readonly clock: Clock;
  readonly ledger: Ledger;
  readonly queueName: string;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly handlerTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** How "holding the event loop" looks in-process: usually a sleep on the case's clock. */
  readonly block?: (ms: number) => Promise<void>;
  /** False: handlers ignore failTimes/unrecoverableFromAttempt (after a replay); default true. */
  readonly plannedFailures?: boolean;
}

export interface InProcessConsumer {
  readonly pid: number;
  readonly queue: MessageQueue<{ [name: string]: FaultPayload }>;
  readonly errors: ErrorCounts;
  /** Simulates SIGKILL: the consumer freezes, its leases stay until they expire. */
  kill(): void;
  readonly alive: boolean;
  /** Graceful stop (subscription close, then the queue). */
  stop(): Promise<void>;
}

/** A consumer in this process: its own MessageQueue on the shared provider, the ledger handler, a clock sleep as work. */
export async function startInProcessConsumer(options: InProcessConsumerOptions): Promise<InProcessConsumer> {
  const { clock, ledger, pid } = options;
  const crashable = createCrashableProvider(options.provider, { shared: options.shared });
  const queue = new MessageQueue<{ [name: string]: FaultPayload }>({
    provider: crashable.provider,
    clock,
    visibilityTimeoutMs: options.leaseMs,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  await queue.connect();
  const errors = recordQueueEvents(queue, ledger, pid, () => clock.now());
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimeout(resolve, ms));
  const handler = createLedgerHandler({
    ledger,
    pid,
    now: () => clock.now(),
    sleep,
    block: options.block ?? sleep,
    die: () => crashable.crash(),
    isAlive: () => !crashable.crashed,
    plannedFailures: options.plannedFailures ?? true,
  });
  const subscription = queue.subscribe(options.queueName, handler, {
    concurrency: options.concurrency,
    ...(options.handlerTimeoutMs === undefined ? {} : { timeoutMs: options.handlerTimeoutMs }),
  });
  return {
    pid,
    queue,
    errors,
    kill: () => crashable.crash(),
    get alive() {
      return !crashable.crashed;
    },
    stop: async () => {
      if (crashable.crashed) return;
      await subscription.close();
      await queue.disconnect();
    },
  };
}

import { priorityLevelQueueName, type QueueProvider } from '@mq/core/provider';
import { createLimitedProvider, inspectMemoryQueue, type LimitedProviderOptions } from '@mq/memory/testing';
import { runProviderContractSuite, type RawCounts } from '@mq/test-suite';

/** Back door: the store's own counts of a queue, over the store queues of its priority levels where the core emulates them. */
function rawCounts(provider: QueueProvider, queueName: string): Promise<RawCounts> {
  const names = [queueName, ...Array.from({ length: 10 }, (_, i) => priorityLevelQueueName(queueName, i + 1))];
  const total = { waiting: 0, leased: 0, dead: 0 };
  for (const counts of names.map((name) => inspectMemoryQueue(provider, name))) {
    total.waiting += counts?.waiting ?? 0;
    total.leased += counts?.leased ?? 0;
    total.dead += counts?.dead ?? 0;
  }
  return Promise.resolve(total);
}

function limitedSuite(name: string, lacks: Omit<LimitedProviderOptions, 'clock'>): void {
  runProviderContractSuite(name, {
    createProvider: ({ clock }) => createLimitedProvider({ ...lacks, clock }),
    capabilities: createLimitedProvider(lacks).capabilities,
    inspect: rawCounts,
  });
}

// What the core emulates must pass every case the core promises.
limitedSuite('limited (no priorities, no fencing, delays up to 1 s, batches not atomic)', {
  priorities: 'none',
  fencedAcks: false,
  maxDelayMs: 1000,
  atomicBatchEnqueue: false,
});

// What the core cannot promise over such a store: those cases are skipped, each saying why.
limitedSuite('limited (dead letters not listable, blocking take, best-effort order, approximate counts)', {
  deadLetters: 'none',
  blockingTake: true,
  ordering: 'best-effort',
  counts: 'approximate',
});

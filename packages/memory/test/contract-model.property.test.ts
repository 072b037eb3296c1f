import { ManualClock } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import fc from 'fast-check';
import { test } from 'vitest';
import { MODEL_LEASE_MS, MODEL_RETRY, queueCommands } from './support/queue-commands.js';
import { runQueueCommands } from './support/run-queue-commands.js';

// Case 9 (issue 6): the provider contract as command sequences against a plain-array model,
// through the public MessageQueue API. fast-check prints the seed and the shrunk sequence on failure.
test('the in-memory provider follows the reference model', async () => {
  await fc.assert(
    fc.asyncProperty(queueCommands(40, true), async (commands) => {
      const clock = new ManualClock();
      const queue = createInMemoryQueue({ clock, visibilityTimeoutMs: MODEL_LEASE_MS, retry: MODEL_RETRY });
      await queue.connect();
      try {
        await runQueueCommands(queue, clock, commands, { countSettles: true });
      } finally {
        await queue.disconnect();
      }
    }),
    { numRuns: 1000 },
  );
}, 120_000);

import { ManualClock, MessageQueue } from '@mq/core';
import fc from 'fast-check';
import { test } from 'vitest';
import { MODEL_LEASE_MS, MODEL_RETRY, queueCommands } from '../../memory/test/support/queue-commands.js';
import { runQueueCommands } from '../../memory/test/support/run-queue-commands.js';
import { testProvider } from './support/test-redis.js';

// Case 9 (issue 6): the provider contract as command sequences against the plain-array model
// (shared with the in-memory provider's test), through the public MessageQueue API on a
// ManualClock. Every run has its own key prefix. fast-check prints the seed and shrinks on failure.
test('the Redis provider follows the reference model', async () => {
  await fc.assert(
    fc.asyncProperty(queueCommands(40), async (commands) => {
      const clock = new ManualClock();
      const queue = new MessageQueue({ provider: testProvider({ clock }), clock, visibilityTimeoutMs: MODEL_LEASE_MS, retry: MODEL_RETRY });
      await queue.connect();
      try {
        await runQueueCommands(queue, clock, commands, { countSettles: false });
      } finally {
        await queue.disconnect();
      }
    }),
    { numRuns: 100 },
  );
}, 120_000);

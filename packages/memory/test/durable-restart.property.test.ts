import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock, MessageQueue } from '@mq/core';
import type { QueueProvider } from '@mq/core/provider';
import { createInMemoryProvider } from '@mq/memory';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { durableStateOf } from './support/durable-state.js';
import { MODEL_LEASE_MS, MODEL_RETRY, queueCommands } from './support/queue-commands.js';
import { runQueueCommands } from './support/run-queue-commands.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-model-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;

/** The provider under each queue (the queue does not expose it). */
const providers = new WeakMap<MessageQueue, QueueProvider>();

function open(clock: ManualClock, dir: string, compactAfterBytes: number): MessageQueue {
  const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'none', compactAfterBytes } });
  const queue = new MessageQueue({ clock, visibilityTimeoutMs: MODEL_LEASE_MS, retry: MODEL_RETRY, provider });
  providers.set(queue, provider);
  return queue;
}

const providerOf = (queue: MessageQueue): QueueProvider => providers.get(queue) as QueueProvider;

// The model-based test of the memory provider, with a restart between every step: after each step
// the folder is copied as a crash would leave it and a new provider recovers it; its state must equal
// the running one's exactly (records in order, due times, leases, attempts, dead letters, counters).
// At the steps fast-check picks, the recovered provider replaces the running one, as a restarted
// process (its consumers' messages are redelivered after their leases), and the model goes on.
test('a durable in-memory provider restarted between every step follows the reference model', async () => {
  await fc.assert(
    fc.asyncProperty(queueCommands(30, true), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), fc.constantFrom(200, 1 << 20), async (commands, switches, compactAfterBytes) => {
      const clock = new ManualClock();
      const run = path.join(root, `run-${next++}`);
      let generation = 0;
      let dir = path.join(run, String(generation));
      const opened: MessageQueue[] = [open(clock, dir, compactAfterBytes)];
      await opened[0]?.connect();
      try {
        await runQueueCommands(opened[0] as MessageQueue, clock, commands, {
          countSettles: true,
          afterStep: async (queue, step) => {
            // Writes scheduled by the step (takes, counts) go out; a compaction in progress goes on.
            await new Promise((resolve) => setImmediate(resolve));
            const copy = path.join(run, String(++generation));
            fs.cpSync(dir, copy, { recursive: true });
            fs.rmSync(path.join(copy, 'LOCK'), { force: true });
            const restarted = open(clock, copy, compactAfterBytes);
            await restarted.connect();
            expect(durableStateOf(providerOf(restarted)), `state recovered after step ${step}`).toEqual(durableStateOf(providerOf(queue)));
            if (switches[step] !== true) {
              await restarted.disconnect();
              return undefined;
            }
            opened.push(restarted);
            dir = copy;
            return restarted;
          },
        });
      } finally {
        for (const queue of opened) await queue.disconnect();
        fs.rmSync(run, { recursive: true, force: true });
      }
    }),
    { numRuns: 200 },
  );
}, 300_000);

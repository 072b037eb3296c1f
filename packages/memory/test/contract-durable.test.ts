import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInMemoryProvider, DURABILITY_MODES } from '@mq/memory';
import { inspectMemoryGroups, inspectMemoryQueue, storedMemoryRecords } from '@mq/memory/testing';
import { runProviderContractSuite } from '@mq/test-suite';
import { afterAll } from 'vitest';

// The whole contract on the durable in-memory provider, once per durability mode, each provider in a folder of its own.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-contract-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;

for (const durability of DURABILITY_MODES) {
  runProviderContractSuite(`memory (persistence, ${durability})`, {
    createProvider: ({ clock }) => createInMemoryProvider({ clock, persistence: { dir: path.join(root, `${durability}-${next++}`), durability } }),
    capabilities: createInMemoryProvider({ persistence: { dir: path.join(root, 'capabilities'), durability } }).capabilities,
    idempotencyWindow: true,
    inspect: (provider, queueName) => Promise.resolve(inspectMemoryQueue(provider, queueName) ?? { waiting: 0, leased: 0, dead: 0 }),
    inspectGroups: (provider, queueName) => Promise.resolve(inspectMemoryGroups(provider, queueName)),
    storedValues: async (provider) => {
      const names = await provider.doListQueues();
      return names.flatMap((name) => storedMemoryRecords(provider, name).map((r) => (typeof r.data === 'string' ? r.data : Buffer.from(r.data).toString('latin1'))));
    },
  });
}

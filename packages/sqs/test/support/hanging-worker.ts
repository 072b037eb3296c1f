// A consumer that takes messages and never finishes them: the SIGKILL test kills it mid-handler.
//   node --conditions=@mq/source --import tsx hanging-worker.ts <endpoint> <prefix>
import { MessageQueue } from '@mq/core';
import { createSqsProvider } from '../../src/index.js';
import { emulatorClient } from './clocked-client.js';

const [endpoint, prefix] = process.argv.slice(2) as [string, string];
const queue = new MessageQueue({ provider: createSqsProvider({ client: emulatorClient(endpoint), prefix, longPollSeconds: 1 }), visibilityTimeoutMs: 2000 });
await queue.connect();
queue.subscribe(
  'jobs',
  (message) => {
    process.stdout.write(`${JSON.stringify({ started: message.id })}\n`);
    return new Promise(() => undefined);
  },
  { concurrency: 2 },
);

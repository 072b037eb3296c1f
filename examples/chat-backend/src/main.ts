import { ConfigError, readConfig } from './config.js';
import { loadDotEnv } from './load-dot-env.js';
import { getQueueService } from './queue-service.js';
import { startChatBackend } from './start-chat-backend.js';

loadDotEnv();
let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`refusing to start: ${error.message}`);
  process.exit(1);
}
const backend = await startChatBackend({ config, queueService: getQueueService() });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    backend.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

import { checkRoleFitsProvider, readConfig } from './config.js';
import { describeStartUpError } from './describe-start-up-error.js';
import { loadDotEnv } from './load-dot-env.js';
import { getQueueService } from './queue-service.js';
import { shutdownOnSignals } from './shutdown-on-signals.js';
import { startChatBackend, type ChatBackend } from './start-chat-backend.js';

async function start(): Promise<ChatBackend> {
  loadDotEnv();
  const config = readConfig(process.env);
  const queueService = getQueueService();
  checkRoleFitsProvider(config.role, queueService.messageQueue.providerName);
  return startChatBackend({ config, queueService });
}

const starting = start();
// Listening before the start finishes: a signal that arrives while it starts waits for it, then
// closes what started (if it failed, the refusal below has already ended the process).
shutdownOnSignals(async () => (await starting).close());
try {
  await starting;
} catch (error) {
  // A setting or a connection the operator can fix: one line and exit code 1, not a stack trace.
  const { line, unexpected } = describeStartUpError(error);
  console.error(`refusing to start: ${line}`);
  if (unexpected && error instanceof Error && error.stack !== undefined) console.error(error.stack);
  process.exit(1);
}

import type { MessageQueue } from '@mq/core';

/**
 * In production, says so at start when the store keeps nothing across its own restart: Redis with
 * AOF off (`appendonly no`) loses every queued message when it restarts (RDB snapshots alone lose
 * minutes). The provider reports the setting in force through queue.health().persistence.
 */
export async function warnAboutPersistence(queue: Pick<MessageQueue, 'health' | 'providerName'>, log: (line: string) => void): Promise<void> {
  const { persistence } = await queue.health();
  if (persistence?.appendonly !== 'no') return;
  log(
    `warning: ${queue.providerName} runs without AOF (appendonly no): a restart of it loses every queued message. ` +
      'Turn on appendonly yes (appendfsync everysec or always); see docs/production.md.',
  );
}

import { createMessageQueue, UnrecoverableError, type MessageQueue } from '@mq/core';

export interface QuickstartOptions {
  log?: (line: string) => void;
  queue?: MessageQueue<{ jobs: { task: string } }>;
}

/** Enqueues four jobs and processes them: priorities, a delay, a retry and a dead letter. */
export async function runQuickstart(options: QuickstartOptions = {}): Promise<string[]> {
  const log = options.log ?? console.log;
  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    log(line);
  };
  const queue = options.queue ?? createMessageQueue<{ jobs: { task: string } }>({ retry: { baseDelayMs: 50 } });
  await queue.connect();
  queue.on('deadLetter', ({ queueName, message, error }) => say(`dead letter in ${queueName}: ${message.payload.task} (${error.message})`));
  queue.on('retrying', ({ message, delayMs }) => say(`retrying ${message.payload.task} in ${delayMs} ms`));

  await queue.enqueue('jobs', queue.createMessage('job', { task: 'low' }, { priority: 2 }));
  await queue.enqueue('jobs', queue.createMessage('job', { task: 'urgent' }, { priority: 10 }));
  await queue.enqueue('jobs', queue.createMessage('job', { task: 'later' }, { delayMs: 100 }));
  await queue.enqueue('jobs', queue.createMessage('job', { task: 'broken' }, { priority: 1, maxRetries: 1 }));

  const finished = new Promise<void>((resolve) => {
    let settled = 0;
    const count = (): void => void (++settled === 4 && resolve());
    queue.on('completed', count);
    queue.on('deadLetter', count);
  });
  queue.subscribe('jobs', (message) => {
    if (message.payload.task === 'broken') {
      if (message.attempts > 1) throw new UnrecoverableError('still broken');
      throw new Error('first failure');
    }
    say(`processed ${message.payload.task} (priority ${message.priority}, attempt ${message.attempts})`);
  });
  await finished;
  const stats = await queue.getStats();
  say(`stats: ${stats.completedMessages} completed, ${stats.failedMessages} failed, ${stats.pendingMessages} pending`);
  await queue.disconnect();
  return lines;
}

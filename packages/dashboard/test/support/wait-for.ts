import type { MessageQueue } from '@mq/core';

/** Resolves with the first `event` of the queue that `match` accepts, or rejects after `timeoutMs`. */
export function nextEvent<T>(queue: MessageQueue, event: 'deadLetter' | 'completed', match: (e: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (e: T) => {
      if (!match(e)) return;
      clearTimeout(timer);
      queue.off(event, listener as never);
      resolve(e);
    };
    const timer = setTimeout(() => {
      queue.off(event, listener as never);
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    queue.on(event, listener as never);
  });
}

import type { Clock } from '@mq/core/provider';
import type { MemoryQueueState } from './memory-queue-state.js';

/**
 * The consumers waiting for work on the queues of one in-memory provider (doWaitForWork): each
 * wakes on wake(queueName) (an enqueue, release, resume, …), when the queue's next delayed record
 * or lease falls due, or when its signal aborts. A paused queue sets no due-time timer: its
 * waiters wake on resume (or their signal), never in a loop.
 */
export class WorkWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly clock: Clock) {}

  wait(queueName: string, queue: MemoryQueueState, signal: AbortSignal): Promise<void> {
    const now = this.clock.now();
    if (signal.aborted || queue.hasWork(now)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.waiters.get(queueName) ?? new Set<() => void>();
      this.waiters.set(queueName, set);
      const dueAt = queue.paused ? undefined : queue.nextDueAt();
      const timer = dueAt === undefined ? undefined : this.clock.setTimeout(() => wake(), dueAt - now);
      const wake = (): void => {
        set.delete(wake);
        if (timer !== undefined) this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      set.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  wake(queueName: string): void {
    const set = this.waiters.get(queueName);
    // No copy while nobody waits: a settle of a grouped record calls this for every ack.
    if (set !== undefined && set.size > 0) for (const wake of [...set]) wake();
  }

  wakeAll(): void {
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }
}

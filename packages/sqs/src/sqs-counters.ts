/**
 * What SQS does not count: acknowledgements and their processing time, kept by this instance
 * (a queue's `completed` in stats is this process's, since it started).
 */
export class SqsCounters {
  private readonly byQueue = new Map<string, { completed: number; processingMsTotal: number }>();

  completed(queueName: string, processingMs: number): void {
    let counts = this.byQueue.get(queueName);
    if (counts === undefined) this.byQueue.set(queueName, (counts = { completed: 0, processingMsTotal: 0 }));
    counts.completed++;
    counts.processingMsTotal += processingMs;
  }

  read(queueName: string): { completed: number; processingMsTotal: number } {
    return this.byQueue.get(queueName) ?? { completed: 0, processingMsTotal: 0 };
  }

  forget(queueName: string): void {
    this.byQueue.delete(queueName);
  }
}

import { compactStore } from './compact-store.js';
import type { LogWriter } from './log-writer.js';

/**
 * Starts compactStore() when the log has grown past `compactAfterBytes`, at most one at a time,
 * in the background (a failure is reported to onWarning; the log keeps growing and is compacted
 * again later). done() resolves when none runs.
 */
export class BackgroundCompaction {
  private running: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly compactAfterBytes: number,
    private readonly onWarning: (message: string) => void,
  ) {}

  maybeStart(writer: LogWriter | undefined): void {
    if (this.running !== undefined || writer === undefined || writer.bytes < this.compactAfterBytes) return;
    // Started on the next microtask: the flush that got here (or the rotation's own) is not re-entered.
    this.running = Promise.resolve()
      .then(() => compactStore(this.dir, writer))
      .catch((error: unknown) => this.onWarning(`@mq/memory: compacting the log in ${this.dir} failed (${(error as Error).message}); the log keeps growing and is compacted again later.`))
      .finally(() => {
        this.running = undefined;
      });
  }

  async done(): Promise<void> {
    await this.running;
  }
}

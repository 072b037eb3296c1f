import { MessageQueue } from '@mq/core';
import type { TakeOptions, TakenRecord } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';

/**
 * The in-memory provider whose first non-empty take answers only after the next take answered,
 * as on Redis when the earlier take carried acks (one step slower) and the later one did not.
 */
class LateFirstTakeProvider extends InMemoryProvider {
  /** Ids in the order the store handed them out. */
  readonly handedOut: string[] = [];
  private held: (() => void) | undefined;
  private heldOnce = false;

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const records = await super.doTake(queueName, options);
    this.handedOut.push(...records.map((r) => r.id));
    if (!this.heldOnce && records.length > 0) {
      this.heldOnce = true;
      await new Promise<void>((resolve) => (this.held = resolve));
    } else if (this.held !== undefined) {
      const release = this.held;
      this.held = undefined;
      // After this take's answer has been handled.
      setImmediate(release);
    }
    return records;
  }
}

describe('handler start order', () => {
  it('starts handlers in the order the store handed messages out, even when a later take answers first', async () => {
    const provider = new LateFirstTakeProvider();
    const queue = new MessageQueue({ provider });
    await queue.connect();
    await queue.enqueueMany('q', Array.from({ length: 40 }, (_, n) => queue.createMessage('t', n, { id: `m${n}`, priority: 10 - Math.floor(n / 4) })));
    const started: string[] = [];
    // 10 slots: two lanes of 5 whose first takes are in flight together.
    queue.subscribe('q', (message) => void started.push(message.id), { concurrency: 10 });
    await vi.waitFor(() => expect(started).toHaveLength(40));
    expect(started).toEqual(provider.handedOut);
    await queue.disconnect();
  });
});

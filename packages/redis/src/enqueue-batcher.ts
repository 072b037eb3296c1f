import type { EnqueueRecord, EnqueueResult } from '@mq/core/provider';
import { CallBatcher } from './call-batcher.js';
import { enqueueCall, enqueueKeyedCall, type ScriptCall } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';
import { toGroups, toKeyedResult } from './script-replies.js';
import type { ServerClock } from './server-clock.js';

function hasKey(record: EnqueueRecord): boolean {
  return record.deduplication !== undefined;
}

/** Enqueue calls of at most this many records made in the same tick share one script call. */
const SMALL_ENQUEUE = 100;

export interface EnqueueBatcherOptions {
  /** Runs an enqueue script (on the command connection, or through the ReplicaConfirmer). */
  run(call: ScriptCall): Promise<unknown>;
  queue(queueName: string): ScriptQueue;
  readonly clock: ServerClock;
}

/**
 * Stores enqueue calls. A lone call is sent at once; small calls made while one is in flight
 * share the next enqueue.lua call, each stored all or none (a group of its own in the script).
 */
export class EnqueueBatcher {
  private readonly batcher = new CallBatcher<readonly EnqueueRecord[], EnqueueResult>((q, groups) => this.store(q, groups), {
    maxBatch: 100,
    sendAloneAtOnce: true,
  });

  constructor(private readonly options: EnqueueBatcherOptions) {}

  /**
   * Stores `records` all or none; duplicateIds lists those already present (then none was stored).
   * Records whose id the queue's idempotency window remembers are not stored (deduplicated, byId).
   */
  async enqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    // A call with deduplication keys runs on its own (enqueue-keyed.lua); plain calls never see it.
    if (records.some(hasKey)) return this.storeKeyed(queueName, records);
    return records.length <= SMALL_ENQUEUE ? this.batcher.add(queueName, records) : ((await this.store(queueName, [records]))[0] as EnqueueResult);
  }

  private async storeKeyed(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const { run, queue, clock } = this.options;
    return toKeyedResult(await run(enqueueKeyedCall(queue(queueName), clock.now(), records)));
  }

  /** One enqueue.lua call for several enqueue calls. */
  private async store(queueName: string, groups: readonly (readonly EnqueueRecord[])[]): Promise<EnqueueResult[]> {
    const { run, queue, clock } = this.options;
    const q = queue(queueName);
    // Read with the call: the reply has the window's part exactly when the call passed a window.
    const windowed = q.windowMs > 0;
    return toGroups(await run(enqueueCall(q, clock.now(), groups)), groups, windowed);
  }
}

import { MqError, type EnqueueRecord, type EnqueueResult } from '@mq/core/provider';
import { CallBatcher } from './call-batcher.js';
import { enqueueCall, enqueueGroupedCall, enqueueKeyedCall, type ScriptCall } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';
import { toGroupedResult, toGroups, toKeyedResult } from './script-replies.js';
import type { ServerClock } from './server-clock.js';

function hasKey(record: EnqueueRecord): boolean {
  return record.deduplication !== undefined;
}

function hasGroup(record: EnqueueRecord): boolean {
  return record.groupId !== undefined;
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
    // A call with deduplication keys or groups runs on its own (enqueue-keyed.lua, enqueue-grouped.lua); plain calls never see them.
    if (records.some(hasKey)) {
      if (records.some(hasGroup)) throw keyedGroupsUnsupported();
      return this.storeKeyed(queueName, records);
    }
    if (records.some(hasGroup)) return this.storeGrouped(queueName, records);
    return records.length <= SMALL_ENQUEUE ? this.batcher.add(queueName, records) : ((await this.store(queueName, [records]))[0] as EnqueueResult);
  }

  private async storeKeyed(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const { run, queue, clock } = this.options;
    return toKeyedResult(await run(enqueueKeyedCall(queue(queueName), clock.now(), records)));
  }

  private async storeGrouped(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    const { run, queue, clock } = this.options;
    return toGroupedResult(await run(enqueueGroupedCall(queue(queueName), clock.now(), records)), records);
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

/** A deduplication key and a group in one enqueue call: not built on Redis yet (docs/groups.md, "Redis"). */
function keyedGroupsUnsupported(): MqError {
  return new MqError('MQ_UNSUPPORTED', 'The redis provider cannot store a deduplication key and a groupId in one enqueue call yet: enqueue the grouped messages without deduplication, or in a call of their own. Nothing was enqueued.', {
    details: { provider: 'redis', capability: 'groups' },
  });
}

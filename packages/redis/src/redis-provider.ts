import {
  PROVIDER_SPECIFICATION_VERSION,
  ValidationError,
  type DeadLetterOptions,
  type DeadRecord,
  type EnqueueRecord,
  type EnqueueResult,
  type GroupBacklog,
  type LeaseRef,
  type ListOptions,
  type ProviderDescription,
  type QueueCounts,
  type QueueProvider,
  type QueueSettings,
  type ReadyPeek,
  type RecordData,
  type ReleaseOptions,
  type ScanOptions,
  type ScannedRecord,
  type ScanPage,
  type ScanState,
  type RecordDetails,
  type ActionOutcome,
  type TakenRecord,
  type TakeOptions,
  type WireEvent,
  type BindingRecord,
  type BindingsSnapshot,
  type RoutedEnqueue,
  type RoutedEnqueueOptions,
  type RoutedEnqueueResult,
} from '@mq/core/provider';
import { describePersistence } from './describe-persistence.js';
import { partitionQueueName } from './partition-queue-name.js';
import { QUEUE_KEYS_OF, type QueueKeys } from './queue-keys.js';
import { RedisAdmin } from './redis-admin.js';
import { REDIS_CAPABILITIES } from './redis-capabilities.js';
import { redisProviderParts, type RedisProviderParts, type RedisProviderSettings } from './redis-provider-parts.js';
import * as calls from './script-calls.js';
import { toDeadRecords, toGroupBacklog, toQueueCounts, toReadyPeek, toStrings } from './script-replies.js';
import { toMqError } from './to-mq-error.js';

/**
 * Keeps queues in Redis or Redis Cluster, shared by every process that uses the same keys. Each
 * state transition is one Lua script (src/lua, called through script-calls.ts); all keys of a
 * queue share one hash tag. A façade: one short method per contract method, each handing over to
 * the part that does the job (redis-provider-parts.ts; docs/redis.md, "Files").
 */
export class RedisProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name = 'redis';
  readonly capabilities = REDIS_CAPABILITIES;
  private readonly parts: RedisProviderParts;
  private readonly admin: RedisAdmin;

  constructor(settings: RedisProviderSettings) {
    this.parts = redisProviderParts(settings);
    this.admin = new RedisAdmin(this.parts);
  }

  /** The Redis keys of a queue, for the back door of tests (@mq/redis/testing: redisQueueKeys). */
  [QUEUE_KEYS_OF](queueName: string): QueueKeys {
    return this.parts.queues.keys(queueName);
  }

  async doConnect(): Promise<void> {
    await this.parts.connection.connect();
    await this.parts.settings.replicas?.connect();
  }

  async doDisconnect(): Promise<void> {
    this.parts.hub.wakeAll();
    this.parts.pubsub.close();
    await Promise.all([this.parts.connection.close(), this.parts.settings.replicas?.close()]);
  }

  doHealthCheck(): Promise<boolean> {
    return this.parts.connection.ping(this.parts.settings.healthCheckTimeoutMs);
  }

  async doDescribe(): Promise<ProviderDescription> {
    try {
      return await describePersistence(this.parts.connection);
    } catch (error) {
      throw toMqError(error, 'describe');
    }
  }

  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    return this.parts.queues.op('enqueue', queueName, () => this.parts.enqueues.enqueue(queueName, records));
  }

  /** Standalone: one script call, all or none; Cluster: one per slot (redis-routing.ts, docs/routing.md). */
  doEnqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    return this.parts.routing.enqueueRouted(targets, options);
  }

  doSaveBinding(binding: BindingRecord): Promise<number> {
    return this.parts.routing.save(binding);
  }

  doRemoveBinding(id: string): Promise<boolean> {
    return this.parts.routing.remove(id);
  }

  doListBindings(): Promise<BindingsSnapshot> {
    return this.parts.routing.list();
  }

  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    return this.parts.queues.op('take', queueName, (q) => this.parts.taker.take(queueName, q, options));
  }

  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const item = { id: lease.id, token: lease.leaseToken, processingMs: Math.max(0, Math.round(processingMs)) };
    return this.parts.queues.op('ack', queueName, () => this.parts.settlements.ack(queueName, item));
  }

  doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const item = { id: lease.id, token: lease.leaseToken, options };
    return this.parts.queues.op('release', queueName, () => this.parts.settlements.release(queueName, item));
  }

  doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const item = { id: lease.id, token: lease.leaseToken, error, refund: options?.refundAttempt === true };
    return this.parts.queues.op('deadLetter', queueName, () => this.parts.settlements.deadLetter(queueName, item));
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    const { hub, taker } = this.parts;
    return this.parts.queues.op('waitForWork', queueName, (q) => hub.wait(queueName, q.keys.wakeChannel, signal, taker.hint(queueName)));
  }

  doCount(queueName: string): Promise<QueueCounts> {
    return this.parts.queues.op('count', queueName, async (q) => toQueueCounts(await this.parts.run(calls.countCall(q, this.parts.clock.now()))));
  }

  /** count-groups.lua: one LLEN per group and level with ready records (docs/groups.md, "Cost"). */
  doCountGroups(queueName: string, limit: number): Promise<GroupBacklog[]> {
    return this.parts.queues.op('countGroups', queueName, async (q) => toGroupBacklog(await this.parts.run(calls.countGroupsCall(q, Math.max(1, Math.floor(limit))))));
  }

  /** declare-queue.lua: the count lives in field n of the queue's counters hash (partition 0's). */
  doDeclareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    return this.parts.queues.op('declareQueue', queueName, async (q) => ({ partitions: Number(await this.parts.run(calls.declareQueueCall(q, settings.partitions))) }));
  }

  doReadQueueSettings(queueName: string): Promise<QueueSettings | undefined> {
    return this.parts.queues.op('declareQueue', queueName, async (q) => {
      const stored: unknown = await this.parts.run(calls.declareQueueCall(q, 0));
      return stored === null || stored === undefined ? undefined : { partitions: Number(stored) };
    });
  }

  /** Each partition a store queue with a hash tag of its own, spread over the slots (partition-queue-name.ts). */
  doPartitionQueueName(queueName: string, partition: number, partitions: number): string {
    return partitionQueueName(queueName, partition, partitions);
  }

  doPeekReady(queueName: string): Promise<ReadyPeek> {
    return this.parts.queues.op('take', queueName, async (q) => toReadyPeek(await this.parts.run(calls.peekReadyCall(q, this.parts.clock.now()))));
  }

  doListQueues(): Promise<string[]> {
    return this.parts.queues.list();
  }

  doPurge(queueName: string): Promise<number> {
    return this.parts.queues.op('purge', queueName, async (q) => Number(await this.parts.run(calls.purgeCall(q, this.parts.clock.now()))));
  }

  async doDeleteQueue(queueName: string): Promise<void> {
    await this.parts.queues.delete(queueName, (q) => this.parts.run(calls.deleteQueueCall(q)));
    this.parts.taker.forget(queueName);
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.parts.queues.op('listDeadLetters', queueName, async (q) =>
      options.limit <= 0 ? [] : toDeadRecords(await this.parts.run(calls.listDeadLettersCall(q, options.offset, options.limit))),
    );
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return this.parts.queues.op('replayDeadLetters', queueName, async (q) =>
      toStrings(await this.parts.run(calls.replayDeadLettersCall(q, this.parts.clock.now(), ids)), 'replay-dead-letters'),
    );
  }

  doScanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    return this.admin.scan(queueName, options);
  }

  doGetRecord(queueName: string, id: string): Promise<(ScannedRecord & { state: ScanState; details: RecordDetails }) | null> {
    return this.admin.get(queueName, id);
  }

  doDeleteRecords(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    return this.admin.delete(queueName, ids);
  }

  doPromoteRecords(queueName: string, ids: readonly string[], nowMs?: number): Promise<ActionOutcome[]> {
    return this.admin.promote(queueName, ids, nowMs);
  }

  doSetPriority(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> {
    return this.admin.setPriority(queueName, ids, priority);
  }

  doSetPaused(queueName: string, paused: boolean): Promise<void> {
    return this.admin.setPaused(queueName, paused);
  }

  doRewriteRecord(queueName: string, id: string, expected: RecordData, data: RecordData): Promise<boolean> {
    if (typeof expected !== 'string' || typeof data !== 'string') return Promise.reject(new ValidationError('MQ_INVALID_ARGUMENT', 'The Redis provider stores text records (capabilities.binaryData is false).', { field: 'data' }));
    return this.parts.queues.op('rewriteRecord', queueName, async (q) => Number(await this.parts.run(calls.rewriteRecordCall(q, id, expected, data))) === 1);
  }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return this.parts.queues.op('purgeDeadLetters', queueName, async (q) => Number(await this.parts.run(calls.purgeDeadLettersCall(q, this.parts.clock.now(), ids))));
  }

  /** Remembered ids live in the queue's window hash (lua/prelude.lua, rememberIds); the length travels with each call. */
  doSetIdempotencyWindow(queueName: string, windowMs: number): void {
    this.parts.queues.get(queueName).windowMs = windowMs;
  }

  async doPublishEvent(event: WireEvent): Promise<void> {
    try {
      await this.parts.events.publish(event);
    } catch (error) {
      throw toMqError(error, 'publishEvent');
    }
  }

  async doSubscribeEvents(listener: (event: WireEvent) => void): Promise<() => Promise<void>> {
    try {
      return await this.parts.events.subscribe(listener);
    } catch (error) {
      throw toMqError(error, 'subscribeEvents');
    }
  }
}

import type { Clock } from '../clock/clock.js';
import type { InstrumentationRegistry } from '../instrumentation/instrumentation-registry.js';
import type { ProviderCallInfo } from '../instrumentation/instrumentation.js';
import type { DeadLetterOptions, DeadRecord, EnqueueRecord, EnqueueResult, GroupBacklog, LeaseRef, ListOptions, ProviderDescription, QueueCounts, QueueProvider, QueueSettings, RecordData, ReleaseOptions, TakenRecord, TakeOptions, WireEvent } from '../provider/queue-provider.js';
import type { ScanOptions, ScanPage } from '../provider/record-scan.js';
import type { ProviderSession } from './provider-session.js';

/** One kind of provider call: its name for the hooks, and whether it runs while the queue closes. */
interface CallKind {
  readonly name: string;
  /** Calls that settle deliveries run while the queue closes (subscriptions drain); the others need it open. */
  readonly whileClosing: boolean;
}

const kind = (name: string, whileClosing = false): CallKind => Object.freeze({ name, whileClosing });
const ENQUEUE = kind('enqueue');
const TAKE = kind('take', true);
const ACK = kind('ack', true);
const NACK = kind('nack', true);
const RELEASE = kind('release', true);
const DEAD_LETTER = kind('deadLetter', true);
const WAIT_FOR_WORK = kind('waitForWork', true);
const COUNT = kind('count');
const LIST_QUEUES = kind('listQueues');
const HEALTH_CHECK = kind('healthCheck');
const DESCRIBE = kind('describe');
const PURGE = kind('purge');
const DELETE_QUEUE = kind('deleteQueue');
const DECLARE_QUEUE = kind('declareQueue');
const LIST_DEAD_LETTERS = kind('listDeadLetters');
const REPLAY_DEAD_LETTERS = kind('replayDeadLetters');
const PURGE_DEAD_LETTERS = kind('purgeDeadLetters');
const SCAN_RECORDS = kind('scanRecords');
const REWRITE_RECORD = kind('rewriteRecord');
const ROUTING = { enqueueRouted: kind('enqueueRouted'), saveBinding: kind('saveBinding'), removeBinding: kind('removeBinding'), listBindings: kind('listBindings') };
const ADMIN = { getRecord: kind('getRecord'), scanRecords: SCAN_RECORDS, deleteRecords: kind('deleteRecords'), promoteRecords: kind('promoteRecords'), setPriority: kind('setPriority'), setPaused: kind('setPaused') };
const PUBLISH_EVENT = kind('publishEvent', true);
const SUBSCRIBE_EVENTS = kind('subscribeEvents');

/** What a call is about: one message id, records or ids; turned into ProviderCallInfo.messageIds only when a hook looks. */
export type IdSource = string | readonly (string | { readonly id: string })[] | undefined;
const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * The one path of every provider call: checks that the queue is open (MQ_NOT_CONNECTED /
 * MQ_CLOSED), maps failures that are not MqErrors to MQ_PROVIDER_ERROR, and runs the
 * onProviderCall hooks. `operation` is the user's call that needs it (dequeue, getStats, …),
 * which errors name. Without hooks a call costs what the old ProviderSession.call() did: no
 * closure or promise of its own beyond the provider's promise and one catch.
 */
export class ProviderGateway {
  /** One rethrow per operation name, made once: no closure per call. */
  private readonly rethrows = new Map<string, (error: unknown) => never>();

  constructor(
    readonly session: ProviderSession,
    private readonly hooks: InstrumentationRegistry,
    private readonly clock: Clock,
  ) {}

  enqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    return this.call(ENQUEUE, 'enqueue', queueName, records, (p) => p.doEnqueue(queueName, records));
  }

  /**
   * For a caller that makes one call and awaits it at once in a try/catch mapping failures with
   * failure(): checks that the queue is open (throws MQ_NOT_CONNECTED / MQ_CLOSED), then gives the
   * provider while no hook observes provider calls, else undefined (then call the method, which
   * runs the hooks). Saves a promise and a tick on enqueue() of one message, the hottest call,
   * and on each take and ack of a delivery (`whileClosing`: those run while the queue closes).
   */
  unobserved(operation: string, whileClosing = false): QueueProvider | undefined {
    const provider = this.session.requireOpen(operation, whileClosing);
    return this.hooks.providerCalls === undefined ? provider : undefined;
  }

  /** A provider failure as callers see it (see ProviderSession.providerError). */
  failure(operation: string, error: unknown): unknown {
    return this.session.providerError(operation, error);
  }

  take(queueName: string, options: TakeOptions, operation: string): Promise<TakenRecord[]> {
    return this.call(TAKE, operation, queueName, undefined, (p) => p.doTake(queueName, options));
  }

  ack(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    return this.call(ACK, 'ack', queueName, lease.id, (p) => p.doAck(queueName, lease, processingMs));
  }

  /** Releases a failed delivery for its retry (doRelease with the backoff and the error). */
  nack(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    return this.call(NACK, 'nack', queueName, lease.id, (p) => p.doRelease(queueName, lease, options));
  }

  /** Gives a delivery back unharmed (doRelease, no delay, attempt refunded). */
  release(queueName: string, lease: LeaseRef, options: ReleaseOptions, operation = 'release'): Promise<boolean> {
    return this.call(RELEASE, operation, queueName, lease.id, (p) => p.doRelease(queueName, lease, options));
  }

  deadLetter(queueName: string, lease: LeaseRef, error: string, options: DeadLetterOptions | undefined, operation: string): Promise<boolean> {
    return this.call(DEAD_LETTER, operation, queueName, lease.id, (p) => p.doDeadLetter(queueName, lease, error, options));
  }

  waitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    return this.call(WAIT_FOR_WORK, 'subscribe', queueName, undefined, (p) => p.doWaitForWork(queueName, signal));
  }

  count(queueName: string, operation: string): Promise<QueueCounts> {
    return this.call(COUNT, operation, queueName, undefined, (p) => p.doCount(queueName));
  }

  /** Each partition's counts, partition 0 first; a provider without doCountPartitions: its doCount as the one partition. */
  countPartitions(queueName: string, operation: string): Promise<QueueCounts[]> {
    return this.call(COUNT, operation, queueName, undefined, (p) => (p.doCountPartitions === undefined ? p.doCount(queueName).then((c) => [c]) : p.doCountPartitions(queueName)));
  }

  /** Ready records per group, most first (capabilities.groups; [] from a provider without doCountGroups). Reported to hooks as a count. */
  countGroups(queueName: string, limit: number, operation: string): Promise<GroupBacklog[]> {
    return this.call(COUNT, operation, queueName, undefined, (p) => (p.doCountGroups === undefined ? Promise.resolve([]) : p.doCountGroups(queueName, limit)));
  }

  listQueues(operation: string): Promise<string[]> {
    return this.call(LIST_QUEUES, operation, undefined, undefined, (p) => p.doListQueues());
  }

  healthCheck(operation: string): Promise<boolean> {
    return this.call(HEALTH_CHECK, operation, undefined, undefined, (p) => p.doHealthCheck());
  }

  /** undefined when the provider cannot describe its store (no doDescribe). */
  describe(operation: string): Promise<ProviderDescription | undefined> {
    return this.call(DESCRIBE, operation, undefined, undefined, (p) => (p.doDescribe === undefined ? Promise.resolve(undefined) : p.doDescribe()));
  }

  purge(queueName: string): Promise<number> {
    return this.call(PURGE, 'purge', queueName, undefined, (p) => p.doPurge(queueName));
  }

  deleteQueue(queueName: string): Promise<void> {
    return this.call(DELETE_QUEUE, 'deleteQueue', queueName, undefined, (p) => p.doDeleteQueue(queueName));
  }

  /** Only for a provider with doDeclareQueue (declareQueue() checks). */
  declareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    return this.call(DECLARE_QUEUE, 'declareQueue', queueName, undefined, (p) => (p.doDeclareQueue as NonNullable<QueueProvider['doDeclareQueue']>).call(p, queueName, settings));
  }

  listDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.call(LIST_DEAD_LETTERS, 'deadLetters', queueName, undefined, (p) => p.doListDeadLetters(queueName, options));
  }

  replayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return this.call(REPLAY_DEAD_LETTERS, 'replayDeadLetters', queueName, ids, (p) => p.doReplayDeadLetters(queueName, ids));
  }

  purgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return this.call(PURGE_DEAD_LETTERS, 'purgeDeadLetters', queueName, ids, (p) => p.doPurgeDeadLetters(queueName, ids));
  }

  /** Only for a provider with capabilities.scanRecords (Reencryption checks). */
  scanRecords(queueName: string, options: ScanOptions): Promise<ScanPage> {
    return this.call(SCAN_RECORDS, 'reencrypt', queueName, undefined, (p) => (p.doScanRecords as NonNullable<QueueProvider['doScanRecords']>).call(p, queueName, options));
  }

  rewriteRecord(queueName: string, id: string, expected: RecordData, data: RecordData): Promise<boolean> {
    return this.call(REWRITE_RECORD, 'reencrypt', queueName, id, (p) => (p.doRewriteRecord as NonNullable<QueueProvider['doRewriteRecord']>).call(p, queueName, id, expected, data));
  }

  /** A routing call (routing/routing-calls.ts; only with capabilities.routing): on the one path like every other. */
  routing<R>(call: keyof typeof ROUTING, operation: string, ids: IdSource, fn: (provider: QueueProvider) => Promise<R>): Promise<R> {
    return this.call(ROUTING[call], operation, undefined, ids, fn);
  }

  /** An admin call (admin/admin.ts; only with capabilities.admin): on the one path like every other. */
  admin<R>(call: keyof typeof ADMIN, operation: string, queueName: string, ids: IdSource, fn: (provider: QueueProvider) => Promise<R>): Promise<R> {
    return this.call(ADMIN[call], operation, queueName, ids, fn);
  }

  /** Only for a provider with doPublishEvent (ActivityFeed checks). */
  publishEvent(event: WireEvent): Promise<void> {
    return this.call(PUBLISH_EVENT, 'publishEvent', event.queueName, event.id, (p) => (p.doPublishEvent as NonNullable<QueueProvider['doPublishEvent']>).call(p, event));
  }

  /** Only for a provider with doSubscribeEvents (ActivityFeed checks). */
  subscribeEvents(listener: (event: WireEvent) => void): Promise<() => Promise<void>> {
    return this.call(SUBSCRIBE_EVENTS, 'subscribeEvents', undefined, undefined, (p) => (p.doSubscribeEvents as NonNullable<QueueProvider['doSubscribeEvents']>).call(p, listener));
  }

  private call<R>(kind: CallKind, operation: string, queueName: string | undefined, ids: IdSource, fn: (provider: QueueProvider) => Promise<R>): Promise<R> {
    if (this.hooks.providerCalls !== undefined) return this.observed(kind, operation, queueName, ids, fn);
    // Not async: the happy path returns the provider's own promise behind one catch (one promise
    // and one tick fewer per call; this runs several times for every message).
    let pending: Promise<R>;
    try {
      pending = fn(this.session.requireOpen(operation, kind.whileClosing));
    } catch (error) {
      return Promise.reject(this.session.providerError(operation, error));
    }
    return pending.catch(this.rethrow(operation));
  }

  /** call() with the hooks: they see only calls that reach the provider (not those refused because the queue is not open). */
  private observed<R>(kind: CallKind, operation: string, queueName: string | undefined, ids: IdSource, fn: (provider: QueueProvider) => Promise<R>): Promise<R> {
    let provider: QueueProvider;
    try {
      provider = this.session.requireOpen(operation, kind.whileClosing);
    } catch (error) {
      return Promise.reject(error);
    }
    const startedAt = this.clock.now();
    const info: ProviderCallInfo = { ...(queueName === undefined ? {} : { queueName }), operation: kind.name, messageIds: idsOf(ids), startedAt };
    const callbacks = this.hooks.startCall(info);
    let pending: Promise<R>;
    try {
      pending = fn(provider);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (result) => {
        this.hooks.finish(callbacks, { ok: true, durationMs: this.clock.now() - startedAt });
        return result;
      },
      (error: unknown) => {
        const failure = this.session.providerError(operation, error);
        this.hooks.finish(callbacks, { ok: false, error: failure, durationMs: this.clock.now() - startedAt });
        throw failure;
      },
    );
  }

  private rethrow(operation: string): (error: unknown) => never {
    let rethrow = this.rethrows.get(operation);
    if (rethrow === undefined) {
      rethrow = (error: unknown) => {
        throw this.session.providerError(operation, error);
      };
      this.rethrows.set(operation, rethrow);
    }
    return rethrow;
  }
}

function idsOf(ids: IdSource): readonly string[] {
  if (ids === undefined) return NO_IDS;
  if (typeof ids === 'string') return [ids];
  return ids.map((entry) => (typeof entry === 'string' ? entry : entry.id));
}

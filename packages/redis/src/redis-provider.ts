import { randomBytes } from 'node:crypto';
import {
  PROVIDER_SPECIFICATION_VERSION,
  type Clock,
  type DeadLetterOptions,
  type DeadRecord,
  type EnqueueRecord,
  type EnqueueResult,
  type LeaseRef,
  type ListOptions,
  type ProviderDescription,
  type QueueCounts,
  type QueueProvider,
  type ReleaseOptions,
  type TakenRecord,
  type TakeOptions,
  type WireEvent,
} from '@mq/core/provider';
import { CallBatcher, type Pending } from './call-batcher.js';
import { describePersistence } from './describe-persistence.js';
import { EventRelay } from './event-relay.js';
import type { IoredisConnection, IoredisSubscriber } from './ioredis-connection.js';
import { LUA_SCRIPTS, type LuaScript } from './lua-scripts.js';
import type { ReplicaConfirmer } from './replica-confirmer.js';
import { eventsChannel, queueKeys, registryKey, type QueueKeys } from './queue-keys.js';
import { toDeadRecords, toFlags, toGroups, toPair, toQueueCounts, toStrings, toTakeReply, toWorkCheck } from './script-replies.js';
import { toMqError } from './to-mq-error.js';
import { WakeHub, type DrainedHint } from './wake-hub.js';

export interface RedisProviderSettings {
  readonly connection: IoredisConnection;
  readonly prefix: string;
  /** Judge due times and leases by this clock instead of the Redis server's TIME (tests). */
  readonly clock: Clock | undefined;
  readonly recheckIntervalMs: number;
  readonly healthCheckTimeoutMs: number;
  /** The bound of one command: a take that reaches Redis later than this leases nothing. */
  readonly commandTimeoutMs: number;
  /** When set (waitForReplicas), enqueues run through it: each resolves only once replicas have it. */
  readonly replicas?: ReplicaConfirmer | undefined;
}

/** Records moved per take call at most (delayed promotions, reclaimed leases, taken records). */
const BATCH_LIMIT = 1000;
/** Enqueue calls of at most this many records made in the same tick share one script call. */
const SMALL_ENQUEUE = 100;

type AckItem = { id: string; token: string; processingMs: number };
type ReleaseItem = { id: string; token: string; options: ReleaseOptions };
type DeadItem = { id: string; token: string; error: string; refund: boolean };

/** ack.lua's ARGV: now, then id, lease token and processing ms per lease. */
function ackArgs(now: number, items: readonly AckItem[]): (string | number)[] {
  const args: (string | number)[] = [now];
  for (const item of items) args.push(item.id, item.token, item.processingMs);
  return args;
}

/**
 * Keeps queues in Redis or Redis Cluster, shared by every process that uses the same keys. Each
 * state transition is one Lua script (src/lua); all keys of a queue share one hash tag.
 */
export class RedisProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name = 'redis';
  readonly capabilities = { sharedAcrossProcesses: true, durable: true, crossInstanceEvents: true } as const;
  private readonly connection: IoredisConnection;
  private readonly clock: Clock | undefined;
  private readonly keyCache = new Map<string, QueueKeys>();
  private readonly registered = new Set<string>();
  private readonly hub: WakeHub;
  private readonly events: EventRelay;
  private subscriber: IoredisSubscriber | undefined;
  private readonly tokenBase = randomBytes(6).toString('base64url');
  private takeCount = 0;
  /** Redis server time minus Date.now(), from the last take's reply. */
  private serverOffsetMs: number | undefined;
  /** Per queue: what the last take that emptied the ready lists saw (lets a waiter skip a check). */
  private readonly drained = new Map<string, DrainedHint>();
  private readonly enqueues = new CallBatcher<readonly EnqueueRecord[], string[]>((q, groups) => this.enqueueGroups(q, groups), {
    maxBatch: 100,
    sendAloneAtOnce: true,
  });
  private readonly acks = new CallBatcher<AckItem, boolean>((q, items) => this.ackBatch(q, items));
  private readonly releases = new CallBatcher<ReleaseItem, boolean>((q, items) => this.releaseBatch(q, items));
  private readonly deadLetters = new CallBatcher<DeadItem, boolean>((q, items) => this.deadLetterBatch(q, items));

  constructor(private readonly settings: RedisProviderSettings) {
    this.connection = settings.connection;
    this.clock = settings.clock;
    this.hub = new WakeHub({
      clock: settings.clock,
      recheckMs: settings.recheckIntervalMs,
      subscribe: (channel) => this.pubsub().subscribe(channel),
      check: async (queueName) => toWorkCheck(await this.run(LUA_SCRIPTS.checkWork, this.workKeys(this.keys(queueName)), [this.now()])),
    });
    this.events = new EventRelay(eventsChannel(settings.prefix), {
      publish: (channel, message) => this.connection.publish(channel, message),
      subscribe: (channel) => this.pubsub().subscribe(channel),
      unsubscribe: (channel) => this.pubsub().unsubscribe(channel),
    });
  }

  /** The Redis keys of a queue (for inspection and tests). */
  keys(queueName: string): QueueKeys {
    let keys = this.keyCache.get(queueName);
    if (keys === undefined) {
      keys = queueKeys(this.settings.prefix, queueName);
      this.keyCache.set(queueName, keys);
    }
    return keys;
  }

  async doConnect(): Promise<void> {
    await this.connection.connect();
    await this.settings.replicas?.connect();
  }

  async doDisconnect(): Promise<void> {
    this.hub.wakeAll();
    this.subscriber?.close();
    this.subscriber = undefined;
    await Promise.all([this.connection.close(), this.settings.replicas?.close()]);
  }

  doHealthCheck(): Promise<boolean> {
    return this.connection.ping(this.settings.healthCheckTimeoutMs);
  }

  async doDescribe(): Promise<ProviderDescription> {
    try {
      return await describePersistence(this.connection);
    } catch (error) {
      throw toMqError(error, 'describe');
    }
  }

  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    return this.op('enqueue', queueName, async () => {
      const duplicateIds = records.length <= SMALL_ENQUEUE ? await this.enqueues.add(queueName, records) : (await this.enqueueGroups(queueName, [records]))[0];
      return { duplicateIds: duplicateIds ?? [] };
    });
  }

  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    return this.op('take', queueName, async (k) => {
      const max = Math.max(1, Math.min(BATCH_LIMIT, Math.floor(options.max)));
      const tokenPrefix = `${this.tokenBase}${(++this.takeCount).toString(36)}.`;
      const args = [this.now(), max, Math.ceil(options.leaseMs), tokenPrefix, k.wakeChannel, BATCH_LIMIT, this.takeGiveUpAt()];
      const keys = [k.records, k.delayed, k.leases, ...k.ready];
      const generation = this.hub.generation(k.wakeChannel);
      // Acks of this queue that wait for the batcher go along with the take: one round trip.
      const acks = this.acks.takePending(queueName);
      const raw = acks.length === 0 ? await this.run(LUA_SCRIPTS.take, keys, args) : await this.ackThenTake(k, acks, keys, args);
      const reply = toTakeReply(raw, tokenPrefix);
      if (this.clock === undefined) this.serverOffsetMs = reply.now - Date.now();
      if (generation !== undefined && reply.records.length < max) {
        const check = { ready: reply.nextDue !== undefined && reply.nextDue <= reply.now, nextDue: reply.nextDue, now: reply.now };
        this.drained.set(queueName, { generation, check, receivedAt: Date.now() });
      } else {
        this.drained.delete(queueName);
      }
      return reply.records;
    });
  }

  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const item = { id: lease.id, token: lease.leaseToken, processingMs: Math.max(0, Math.round(processingMs)) };
    return this.op('ack', queueName, () => this.acks.add(queueName, item));
  }

  doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    return this.op('release', queueName, () => this.releases.add(queueName, { id: lease.id, token: lease.leaseToken, options }));
  }

  doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const item = { id: lease.id, token: lease.leaseToken, error, refund: options?.refundAttempt === true };
    return this.op('deadLetter', queueName, () => this.deadLetters.add(queueName, item));
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    return this.op('waitForWork', queueName, (k) => this.hub.wait(queueName, k.wakeChannel, signal, this.drained.get(queueName)));
  }

  doCount(queueName: string): Promise<QueueCounts> {
    return this.op('count', queueName, async (k) =>
      toQueueCounts(await this.run(LUA_SCRIPTS.count, [...k.ready, k.delayed, k.leases, k.deadOrder, k.counters], [this.now()])),
    );
  }

  async doListQueues(): Promise<string[]> {
    try {
      return await this.connection.setMembers(registryKey(this.settings.prefix));
    } catch (error) {
      throw toMqError(error, 'listQueues');
    }
  }

  doPurge(queueName: string): Promise<number> {
    return this.op('purge', queueName, async (k) => Number(await this.run(LUA_SCRIPTS.purge, [k.records, k.delayed, k.leases, ...k.ready], [])));
  }

  async doDeleteQueue(queueName: string): Promise<void> {
    const k = this.keys(queueName);
    try {
      await this.run(LUA_SCRIPTS.deleteQueue, [k.records, k.delayed, k.leases, k.dead, k.deadOrder, k.counters, ...k.ready], []);
      await this.connection.removeFromSet(registryKey(this.settings.prefix), queueName);
      this.registered.delete(queueName);
      this.drained.delete(queueName);
    } catch (error) {
      throw toMqError(error, 'deleteQueue');
    }
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.op('listDeadLetters', queueName, async (k) => {
      if (options.limit <= 0) return [];
      return toDeadRecords(await this.run(LUA_SCRIPTS.listDeadLetters, [k.dead, k.deadOrder], [Math.max(0, options.offset), options.limit]));
    });
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return this.op('replayDeadLetters', queueName, async (k) => {
      const args = [this.now(), k.wakeChannel, ...(ids === undefined ? ['all'] : ['ids', ...ids])];
      return toStrings(await this.run(LUA_SCRIPTS.replayDeadLetters, [k.records, k.dead, k.deadOrder, ...k.ready], args), 'replay-dead-letters');
    });
  }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return this.op('purgeDeadLetters', queueName, async (k) =>
      Number(await this.run(LUA_SCRIPTS.purgeDeadLetters, [k.dead, k.deadOrder], ids === undefined ? ['all'] : ['ids', ...ids])),
    );
  }

  async doPublishEvent(event: WireEvent): Promise<void> {
    try {
      await this.events.publish(event);
    } catch (error) {
      throw toMqError(error, 'publishEvent');
    }
  }

  async doSubscribeEvents(listener: (event: WireEvent) => void): Promise<() => Promise<void>> {
    try {
      return await this.events.subscribe(listener);
    } catch (error) {
      throw toMqError(error, 'subscribeEvents');
    }
  }

  /** One enqueue.lua call for several enqueue calls; each group is stored all or none. */
  private async enqueueGroups(queueName: string, groups: readonly (readonly EnqueueRecord[])[]): Promise<string[][]> {
    const k = this.keys(queueName);
    const args: (string | number)[] = [this.now(), k.wakeChannel];
    for (const records of groups) {
      args.push(records.length);
      // capabilities.binaryData is false: the core hands this provider text only.
      for (const r of records) args.push(r.id, r.priority, Math.max(0, Math.ceil(r.delayMs)), r.data as string);
    }
    const keys = [k.records, k.dead, k.delayed, k.leases, k.counters, ...k.ready];
    const replicas = this.settings.replicas;
    const reply = replicas === undefined ? await this.run(LUA_SCRIPTS.enqueue, keys, args) : await replicas.run(LUA_SCRIPTS.enqueue, keys, args);
    return toGroups(reply, groups.length);
  }

  private async ackBatch(queueName: string, items: AckItem[]): Promise<boolean[]> {
    const k = this.keys(queueName);
    return toFlags(await this.run(LUA_SCRIPTS.ack, [k.records, k.leases, k.counters], ackArgs(this.now(), items)), 'ack', items.length);
  }

  /** Runs ack-take: settles the waiting acks from its first part and returns the take's reply. */
  private async ackThenTake(k: QueueKeys, acks: Pending<AckItem, boolean>[], takeKeys: string[], takeArgs: (string | number)[]): Promise<unknown> {
    try {
      const forAck = ackArgs(this.now(), acks.map((p) => p.item));
      const reply = await this.run(LUA_SCRIPTS.ackTake, [...takeKeys, k.counters], [forAck.length, ...forAck, ...takeArgs]);
      const [acked, taken] = toPair(reply, 'ack-take');
      const flags = toFlags(acked, 'ack', acks.length);
      acks.forEach((p, i) => p.resolve(flags[i] === true));
      return taken;
    } catch (error) {
      for (const p of acks) p.reject(error);
      throw error;
    }
  }

  private async releaseBatch(queueName: string, items: ReleaseItem[]): Promise<boolean[]> {
    const k = this.keys(queueName);
    const args: (string | number)[] = [this.now(), k.wakeChannel];
    for (const { id, token, options } of items) {
      const lastError = options.lastError === undefined ? '' : `!${options.lastError}`;
      args.push(id, token, Math.max(0, Math.ceil(options.delayMs)), options.refundAttempt === true ? 1 : 0, lastError);
    }
    const keys = [k.records, k.delayed, k.leases, k.counters, ...k.ready];
    return toFlags(await this.run(LUA_SCRIPTS.release, keys, args), 'release', items.length);
  }

  private async deadLetterBatch(queueName: string, items: DeadItem[]): Promise<boolean[]> {
    const k = this.keys(queueName);
    const args: (string | number)[] = [this.now()];
    for (const item of items) args.push(item.id, item.token, item.refund ? 1 : 0, item.error);
    const keys = [k.records, k.leases, k.dead, k.deadOrder, k.counters];
    return toFlags(await this.run(LUA_SCRIPTS.deadLetter, keys, args), 'dead-letter', items.length);
  }

  private workKeys(k: QueueKeys): string[] {
    return [k.delayed, k.leases, ...k.ready];
  }

  /**
   * When (server ms) a take sent now stops being awaited here. A take that timed out may still run
   * once its bytes get through a stalled network; leasing then would hand records to nobody and
   * spend an attempt of each. -1 (no limit) until a reply told us the server's clock, or with an
   * injected clock. The offset errs early by the reply's travel time: then a take answers empty.
   */
  private takeGiveUpAt(): number {
    if (this.clock !== undefined || this.serverOffsetMs === undefined) return -1;
    return Date.now() + this.serverOffsetMs + this.settings.commandTimeoutMs;
  }

  /** The time passed to scripts: the injected clock's, or -1 for the Redis server's TIME. */
  private now(): number {
    return this.clock === undefined ? -1 : this.clock.now();
  }

  private run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.connection.run(script, keys, args);
  }

  /** Validates the name, records the queue as used once per process, and maps failures to MqErrors. */
  private op<T>(operation: string, queueName: string, fn: (keys: QueueKeys) => Promise<T>): Promise<T> {
    const fail = (error: unknown): never => {
      throw toMqError(error, operation);
    };
    try {
      const keys = this.keys(queueName);
      // The hot path (a queue already registered) adds no async frame of its own.
      if (this.registered.has(queueName)) return fn(keys).catch(fail);
      return this.connection
        .addToSet(registryKey(this.settings.prefix), queueName)
        .then(() => {
          this.registered.add(queueName);
          return fn(keys);
        })
        .catch(fail);
    } catch (error) {
      return Promise.reject(toMqError(error, operation));
    }
  }

  private pubsub(): IoredisSubscriber {
    this.subscriber ??= this.connection.createSubscriber(
      (channel, message) => (channel === this.events.channel ? this.events.deliver(message) : this.hub.notify(channel, message)),
      () => this.hub.wakeAll(),
    );
    return this.subscriber;
  }
}

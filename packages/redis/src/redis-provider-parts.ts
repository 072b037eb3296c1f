import type { Clock } from '@mq/core/provider';
import { EnqueueBatcher } from './enqueue-batcher.js';
import { EventRelay } from './event-relay.js';
import type { IoredisConnection } from './ioredis-connection.js';
import { PubSubRouter } from './pubsub-router.js';
import { eventsChannel } from './queue-keys.js';
import { QueueRegistry } from './queue-registry.js';
import { RecordTaker } from './record-taker.js';
import { RedisRouting } from './redis-routing.js';
import type { ReplicaConfirmer } from './replica-confirmer.js';
import { checkWorkCall, type ScriptCall } from './script-calls.js';
import { toWorkCheck } from './script-replies.js';
import { ServerClock } from './server-clock.js';
import { SettlementBatcher } from './settlement-batcher.js';
import { WakeHub } from './wake-hub.js';

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

/** The parts a RedisProvider delegates to, one job each (docs/redis.md, "Files"). */
export interface RedisProviderParts {
  readonly settings: RedisProviderSettings;
  readonly connection: IoredisConnection;
  /** Runs one script call on the command connection. */
  readonly run: (call: ScriptCall) => Promise<unknown>;
  readonly clock: ServerClock;
  readonly queues: QueueRegistry;
  readonly enqueues: EnqueueBatcher;
  readonly settlements: SettlementBatcher;
  readonly taker: RecordTaker;
  readonly hub: WakeHub;
  readonly events: EventRelay;
  readonly pubsub: PubSubRouter;
  readonly routing: RedisRouting;
}

/** Builds and wires the parts: the wake hub and the event relay share the pub/sub router, which routes to them. */
export function redisProviderParts(settings: RedisProviderSettings): RedisProviderParts {
  const { connection, replicas } = settings;
  const run = (call: ScriptCall): Promise<unknown> => connection.run(call.script, call.keys, call.argv);
  const clock = new ServerClock(settings.clock, settings.commandTimeoutMs);
  const queues = new QueueRegistry(connection, settings.prefix);
  const queue = queues.get.bind(queues);
  const channel = eventsChannel(settings.prefix);
  const pubsub: PubSubRouter = new PubSubRouter(connection, {
    eventsChannel: channel,
    onEvent: (message) => events.deliver(message),
    onWake: (wakeChannel, message) => hub.notify(wakeChannel, message),
    onResubscribed: () => hub.wakeAll(),
  });
  const hub = new WakeHub({
    clock: settings.clock,
    recheckMs: settings.recheckIntervalMs,
    subscribe: (wakeChannel) => pubsub.subscribe(wakeChannel),
    check: async (queueName) => toWorkCheck(await run(checkWorkCall(queue(queueName), clock.now()))),
  });
  const events = new EventRelay(channel, {
    publish: (to, message) => connection.publish(to, message),
    subscribe: (to) => pubsub.subscribe(to),
    unsubscribe: (to) => pubsub.unsubscribe(to),
  });
  const settlements = new SettlementBatcher({ run, queue, clock });
  return {
    settings,
    connection,
    run,
    clock,
    queues,
    // With waitForReplicas, enqueue scripts and their WAIT use a connection of their own (replica-confirmer.ts).
    enqueues: new EnqueueBatcher({ run: replicas === undefined ? run : (c) => replicas.run(c.script, c.keys, c.argv), queue, clock }),
    settlements,
    taker: new RecordTaker({ clock, hub, settlements }),
    hub,
    events,
    pubsub,
    // With waitForReplicas, routed copies and bindings are confirmed by replicas as enqueues are.
    routing: new RedisRouting({ run: replicas === undefined ? run : (c) => replicas.run(c.script, c.keys, c.argv), queues, clock, isCluster: () => connection.isCluster }),
  };
}

import { MqError, type BindingRecord, type BindingsSnapshot, type DeduplicatedRecord, type EnqueueResult, type RoutedEnqueue, type RoutedEnqueueOptions, type RoutedEnqueueResult } from '@mq/core/provider';
import { keySlot } from './key-slot.js';
import type { QueueRegistry } from './queue-registry.js';
import { routingKeys, type RoutingKeys } from './routing-keys.js';
import { enqueueRoutedCall, listBindingsCall, removeBindingCall, saveBindingCall, type RoutedTarget } from './routing-scripts.js';
import { enqueueGroupedCall, type ScriptCall } from './script-calls.js';
import { toGroupedResult } from './script-replies.js';
import type { ServerClock } from './server-clock.js';
import { toMqError } from './to-mq-error.js';

export interface RedisRoutingOptions {
  readonly run: (call: ScriptCall) => Promise<unknown>;
  readonly queues: QueueRegistry;
  readonly clock: ServerClock;
  readonly isCluster: () => boolean;
}

const STORED: EnqueueResult = Object.freeze({ duplicateIds: Object.freeze([]) });

/**
 * Routing rules on Redis: the bindings in one hash with a version (routing-keys.ts), and the
 * copies of a publish stored by enqueue-routed.lua.
 *
 * Standalone: ONE script call checks the version and stores every copy, all or none.
 * Cluster: the target queues live in different slots, so no one script can reach them all. The
 * version is read first (list-bindings.lua, its own slot), then the copies go one script call per
 * slot, all at once. When a call fails (a node down, a timeout), the publish rejects once every
 * call has answered; the calls that succeeded keep their copies. A publish retried with the same message id derives the same
 * copy ids, and each slot's call skips a queue that already holds its copy: the missing ones are
 * stored, none twice (while the first copies are still in their queues; see docs/routing.md).
 * A message with a groupId is stored the Cluster way on standalone too (enqueueGrouped below).
 */
export class RedisRouting {
  private readonly keys: RoutingKeys;

  constructor(private readonly options: RedisRoutingOptions) {
    this.keys = routingKeys(options.queues.prefix);
  }

  async enqueueRouted(targets: readonly RoutedEnqueue[], { bindingsVersion }: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    try {
      // enqueue-routed.lua places no group: copies with one go through enqueue-grouped.lua, one call per target.
      if (targets.some((t) => t.records.some((r) => r.groupId !== undefined))) return await this.enqueueGrouped(targets, bindingsVersion);
      const { queues, clock, run } = this.options;
      const flat: RoutedTarget[] = [];
      const owner: number[] = [];
      const positions: number[] = [];
      targets.forEach((target, i) => {
        target.records.forEach((record, position) => {
          flat.push({ queue: queues.get(target.queueName), record });
          owner.push(i);
          positions.push(position);
        });
      });
      // No await (and no tick) once every target is known in this process.
      const registering = queues.register(targets.map((t) => t.queueName));
      if (registering !== undefined) await registering;
      let held: number[] | undefined;
      if (!this.options.isCluster()) {
        held = toHeld(await run(enqueueRoutedCall(flat, clock.now(), bindingsVersion, this.keys)), flat.length);
        if (held === undefined) return { stale: true, results: [] };
      } else {
        if ((await this.list()).version !== bindingsVersion) return { stale: true, results: [] };
        held = await this.bySlot(flat);
      }
      const duplicates = targets.map((): string[] => []);
      // 2: the target's idempotency window remembers the copy's id (not stored there, deduplicated by id).
      const remembered = targets.map((): DeduplicatedRecord[] => []);
      held.forEach((h, j) => {
        const id = (flat[j] as RoutedTarget).record.id;
        if (h === 1) duplicates[owner[j] as number]?.push(id);
        else if (h === 2) remembered[owner[j] as number]?.push({ index: positions[j] as number, existingId: id, replaced: false, byId: true });
      });
      const results = duplicates.map((ids, i): EnqueueResult => {
        if (ids.length > 0) return { duplicateIds: ids };
        const deduplicated = remembered[i] as DeduplicatedRecord[];
        return deduplicated.length === 0 ? STORED : { duplicateIds: [], deduplicated };
      });
      return { stale: false, results };
    } catch (error) {
      throw toMqError(error, 'enqueueRouted');
    }
  }

  /**
   * Copies with a group (fair groups, docs/groups.md "On Redis"): as on Cluster, the version is
   * read first, then each target's copies go in one enqueue-grouped.lua call, all at once, each
   * skipped when its queue already holds the id. Not all or none across targets, on standalone too.
   */
  private async enqueueGrouped(targets: readonly RoutedEnqueue[], bindingsVersion: number): Promise<RoutedEnqueueResult> {
    const { queues, clock, run } = this.options;
    const registering = queues.register(targets.map((t) => t.queueName));
    if (registering !== undefined) await registering;
    if ((await this.list()).version !== bindingsVersion) return { stale: true, results: [] };
    const now = clock.now();
    const settled = await Promise.allSettled(targets.map(async (t) => toGroupedResult(await run(enqueueGroupedCall(queues.get(t.queueName), now, t.records)), t.records)));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const results = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : STORED));
    return { stale: false, results };
  }

  /** One call per slot, all sent at once; the answers put back in the targets' order. */
  private async bySlot(flat: readonly RoutedTarget[]): Promise<number[]> {
    const groups = new Map<number, number[]>();
    flat.forEach((target, j) => {
      const slot = keySlot(target.queue.keys.records);
      const group = groups.get(slot);
      if (group === undefined) groups.set(slot, [j]);
      else group.push(j);
    });
    const held = new Array<number>(flat.length).fill(0);
    const now = this.options.clock.now();
    // Every call answers before the publish does, so a failed publish leaves no call still in flight.
    const settled = await Promise.allSettled(
      [...groups.values()].map(async (indexes) => {
        const reply = toHeld(await this.options.run(enqueueRoutedCall(indexes.map((j) => flat[j] as RoutedTarget), now, -1, this.keys)), indexes.length);
        indexes.forEach((j, k) => (held[j] = reply?.[k] as number));
      }),
    );
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return held;
  }

  async save(binding: BindingRecord): Promise<number> {
    try {
      return Number(await this.options.run(saveBindingCall(this.keys, binding.id, binding.data)));
    } catch (error) {
      throw toMqError(error, 'saveBinding');
    }
  }

  async remove(id: string): Promise<boolean> {
    try {
      return Number(await this.options.run(removeBindingCall(this.keys, id))) === 1;
    } catch (error) {
      throw toMqError(error, 'removeBinding');
    }
  }

  async list(): Promise<BindingsSnapshot> {
    try {
      const reply = await this.options.run(listBindingsCall(this.keys));
      if (!Array.isArray(reply) || reply.length % 2 !== 1) throw malformed('list-bindings');
      const bindings: BindingRecord[] = [];
      for (let i = 1; i < reply.length; i += 2) bindings.push({ id: String(reply[i]), data: String(reply[i + 1]) });
      return { version: Number(reply[0]), bindings };
    } catch (error) {
      throw toMqError(error, 'listBindings');
    }
  }
}

/** enqueue-routed.lua's reply: undefined when stale, else 1 (held) or 0 (stored) per target. */
function toHeld(reply: unknown, count: number): number[] | undefined {
  if (!Array.isArray(reply) || (reply[0] !== 0 && reply[0] !== 1)) throw malformed('enqueue-routed');
  if (reply[0] === 0) return undefined;
  if (reply.length !== count + 1) throw malformed('enqueue-routed');
  return reply.slice(1).map(Number);
}

function malformed(script: string): MqError {
  return new MqError('MQ_PROVIDER_ERROR', `Redis returned an unexpected reply to ${script}.`, { details: { script } });
}

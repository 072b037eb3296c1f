import type { EventEmitter } from 'eventemitter3';
import { refuseUnsupportedSeams } from '../capabilities/refuse-unsupported-seams.js';
import { unsupportedError } from '../capabilities/unsupported-error.js';
import { MqError } from '../errors/mq-error.js';
import { validateMessage } from '../message/create-message.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { QueueMessage } from '../message/queue-message.js';
import type { EnqueueRecord, RoutedEnqueue } from '../provider/queue-provider.js';
import type { AppQueues } from '../queue/app-queues.js';
import type { ProviderGateway } from '../queue/provider-gateway.js';
import type { QueueEventMap } from '../queue/queue-events.js';
import { BindingTrie } from './binding-trie.js';
import { checkPublishOptions, type PublishOptions, type PublishResult } from './publish-options.js';
import { checkBinding, fromBindingRecord, toBindingRecord, type QueueBinding } from './queue-binding.js';
import { routedCopy } from './routed-copy.js';
import { RoutingCalls } from './routing-calls.js';
import { topicWords } from './topic-words.js';

export interface RouterDeps {
  readonly gateway: ProviderGateway;
  readonly serializer: MessageSerializer;
  readonly queues: AppQueues;
  readonly events: EventEmitter<QueueEventMap>;
}

/** The bindings as this instance last read them from the provider. */
interface Snapshot {
  readonly version: number;
  readonly trie: BindingTrie;
  readonly bindings: readonly QueueBinding[];
}

/** A publish that found the bindings changed under it re-reads them and routes again, at most this often. */
const MAX_REROUTES = 5;

/**
 * bind(), unbind(), listBindings() and publish() of a MessageQueue (docs/routing.md). Bindings
 * live in the provider (shared where the store is); this part keeps a compiled copy (a trie of
 * patterns with compiled filters), stored with the version it was read at. A publish routes with
 * that copy and hands the copies to doEnqueueRouted on condition that the version still holds;
 * when another instance changed the bindings meanwhile, the provider stores nothing and says so,
 * and the publish re-reads them and routes again. So every instance routes alike.
 */
export class Router {
  private snapshot: Snapshot | undefined;
  private readonly calls: RoutingCalls;
  /** Publishes of this instance that matched no binding (and were not mandatory). */
  unroutable = 0;

  constructor(private readonly deps: RouterDeps) {
    this.calls = new RoutingCalls(deps.gateway);
  }

  async bind(binding: QueueBinding): Promise<void> {
    const checked = checkBinding(binding);
    this.requireRouting('bind');
    await this.calls.saveBinding(toBindingRecord(checked));
    this.snapshot = undefined;
  }

  /** Removes the binding with that pattern, queue and filter; false when there was none. */
  async unbind(binding: QueueBinding): Promise<boolean> {
    const checked = checkBinding(binding);
    this.requireRouting('unbind');
    const removed = await this.calls.removeBinding(checked.id);
    this.snapshot = undefined;
    return removed;
  }

  /** Every stored binding (read from the provider, so those other instances made too), sorted by pattern then queue. */
  async listBindings(): Promise<QueueBinding[]> {
    this.requireRouting('listBindings');
    return [...(await this.load('listBindings')).bindings];
  }

  async publish(topic: string, message: QueueMessage, options: PublishOptions | undefined): Promise<PublishResult> {
    const words = topicWords(topic);
    const checked = validateMessage(message);
    const { mandatory } = checkPublishOptions(options);
    this.requireRouting('publish');
    if (checked.deduplication !== undefined || checked.groupId !== undefined) refuseUnsupportedSeams(this.deps.gateway.session, checked);
    for (let round = 0; ; round++) {
      const snapshot = this.snapshot ?? (await this.load('publish'));
      const routedTo = snapshot.trie.match(words, checked);
      const copies = routedTo.map((queueName) => routedCopy(checked, queueName));
      const targets = await this.targets(routedTo, copies);
      for (const queueName of routedTo) this.deps.queues.use(queueName);
      // With no target this stores nothing, but still tells whether the bindings are still those routed by.
      const result = await this.calls.enqueueRouted(targets, snapshot.version);
      if (result.stale) {
        if (round >= MAX_REROUTES) throw new MqError('MQ_PROVIDER_ERROR', `publish to "${topic}": the bindings changed ${MAX_REROUTES + 1} times while routing; nothing was stored.`);
        this.snapshot = undefined;
        continue;
      }
      if (routedTo.length === 0) {
        if (mandatory) throw unroutable(topic, checked.id);
        this.unroutable++;
        return { messageIds: [], routedTo };
      }
      // A queue that already held its copy (a retried publish) stored nothing new: its copy is there.
      const { events } = this.deps;
      if (events.listenerCount('enqueued') > 0) copies.forEach((copy, i) => events.emit('enqueued', { queueName: routedTo[i] as string, message: copy }));
      return { messageIds: copies.map((copy) => copy.id), routedTo };
    }
  }

  /**
   * One record per copy. Without stages the copies' stored data is the same text (the envelope
   * holds no id, and every copy has the same type, payload, metadata and correlationId), so the
   * payload is serialised ONCE and the copies share that string. With stages, each copy is
   * encoded on its own: an encryption stage binds queue name and message id into its AAD.
   */
  private async targets(routedTo: readonly string[], copies: readonly QueueMessage[]): Promise<RoutedEnqueue[]> {
    const { serializer, gateway } = this.deps;
    if (copies.length === 0) return [];
    let records: EnqueueRecord[];
    if (serializer.staged) {
      const binary = gateway.session.capabilities.binaryData;
      records = await serializer.toStagedRecords(copies, routedTo, binary);
    } else {
      records = sharedRecords(serializer.toRecord(copies[0] as QueueMessage), copies);
    }
    return routedTo.map((queueName, i) => ({ queueName, records: [records[i] as EnqueueRecord] }));
  }

  private async load(operation: string): Promise<Snapshot> {
    const stored = await this.calls.listBindings(operation);
    const trie = new BindingTrie();
    const bindings: QueueBinding[] = [];
    for (const record of stored.bindings) {
      const checked = fromBindingRecord(record);
      // A binding this version cannot read (a newer version's filter) routes nothing here.
      if (checked === undefined) continue;
      trie.add(checked.words, { queue: checked.binding.queue, matches: checked.matches });
      bindings.push(checked.binding);
    }
    bindings.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
    const snapshot = { version: stored.version, trie, bindings };
    this.snapshot = snapshot;
    return snapshot;
  }

  /** Open, and a provider that routes: MQ_UNSUPPORTED otherwise, nothing stored. */
  private requireRouting(operation: string): void {
    const session = this.deps.gateway.session;
    const provider = session.requireOpen(operation);
    const complete = provider.doEnqueueRouted !== undefined && provider.doSaveBinding !== undefined && provider.doRemoveBinding !== undefined && provider.doListBindings !== undefined;
    if (!session.capabilities.routing || !complete) {
      throw unsupportedError(provider.name, 'routing', 'route messages to queues by topic', 'enqueue to each queue yourself; nothing was stored.');
    }
  }
}

/** The first copy's record, then the same record (same data string) under each other copy's id. */
function sharedRecords(first: EnqueueRecord, copies: readonly QueueMessage[]): EnqueueRecord[] {
  const records: EnqueueRecord[] = [first];
  for (let i = 1; i < copies.length; i++) records.push({ ...first, id: (copies[i] as QueueMessage).id });
  return records;
}

function unroutable(topic: string, messageId: string): MqError {
  return new MqError('MQ_UNROUTABLE', `No binding routes topic "${topic}" (message ${messageId}), and publish was mandatory: nothing was stored. Bind a queue to a pattern that matches it, or publish without { mandatory: true }.`, {
    details: { topic, messageId },
  });
}

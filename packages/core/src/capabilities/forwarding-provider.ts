import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import {
  PROVIDER_SPECIFICATION_VERSION,
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
  type ReleaseOptions,
  type RoutedEnqueue,
  type RoutedEnqueueResult,
  type TakenRecord,
  type TakeOptions,
  type WireEvent,
} from '../provider/queue-provider.js';
import type { BindingRecord, BindingsSnapshot, RoutedEnqueueOptions } from '../provider/routing-records.js';

/**
 * A provider that passes every call to another one: the base of each capability adapter, which
 * overrides the few calls its capability is about. The optional methods exist exactly when the
 * inner provider has them (the core checks for them).
 */
export class ForwardingProvider implements QueueProvider {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly doDescribe?: () => Promise<ProviderDescription>;
  readonly doDeclareQueue?: (queueName: string, settings: QueueSettings) => Promise<QueueSettings>;
  readonly doCountGroups?: (queueName: string, limit: number) => Promise<GroupBacklog[]>;
  readonly doCountPartitions?: QueueProvider['doCountPartitions'];
  readonly doEnqueueRouted?: (targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions) => Promise<RoutedEnqueueResult>;
  readonly doSaveBinding?: (binding: BindingRecord) => Promise<number>;
  readonly doRemoveBinding?: (id: string) => Promise<boolean>;
  readonly doListBindings?: () => Promise<BindingsSnapshot>;
  readonly doPublishEvent?: (event: WireEvent) => Promise<void>;
  readonly doScanRecords?: QueueProvider['doScanRecords'];
  readonly doRewriteRecord?: QueueProvider['doRewriteRecord'];
  readonly doGetRecord?: QueueProvider['doGetRecord'];
  readonly doDeleteRecords?: QueueProvider['doDeleteRecords'];
  readonly doPromoteRecords?: QueueProvider['doPromoteRecords'];
  readonly doSetPriority?: QueueProvider['doSetPriority'];
  readonly doSetPaused?: QueueProvider['doSetPaused'];
  readonly doSubscribeEvents?: (listener: (event: WireEvent) => void) => Promise<() => Promise<void>>;

  constructor(
    protected readonly inner: QueueProvider,
    /** What the core may count on from here on (see effectiveCapabilities). */
    readonly capabilities: ProviderCapabilities,
  ) {
    if (inner.doDescribe !== undefined) this.doDescribe = () => (inner.doDescribe as () => Promise<ProviderDescription>)();
    if (inner.doDeclareQueue !== undefined) this.doDeclareQueue = (queueName, settings) => this.declareQueue(queueName, settings);
    if (inner.doCountGroups !== undefined) this.doCountGroups = (queueName, limit) => (inner.doCountGroups as NonNullable<QueueProvider['doCountGroups']>)(queueName, limit);
    // Per-partition counts pass through an adapter that counts as its inner provider does (not PriorityLevels: its levels are store queues too).
    if (inner.doCountPartitions !== undefined && this.doCount === ForwardingProvider.prototype.doCount) this.doCountPartitions = inner.doCountPartitions.bind(inner);
    if (inner.doScanRecords !== undefined) this.doScanRecords = inner.doScanRecords.bind(inner);
    if (inner.doRewriteRecord !== undefined) this.doRewriteRecord = inner.doRewriteRecord.bind(inner);
    // The admin seams (used only where capabilities.admin stays on in effect: records stored as they are).
    if (inner.doGetRecord !== undefined) this.doGetRecord = inner.doGetRecord.bind(inner);
    if (inner.doDeleteRecords !== undefined) this.doDeleteRecords = inner.doDeleteRecords.bind(inner);
    if (inner.doPromoteRecords !== undefined) this.doPromoteRecords = inner.doPromoteRecords.bind(inner);
    if (inner.doSetPriority !== undefined) this.doSetPriority = inner.doSetPriority.bind(inner);
    if (inner.doSetPaused !== undefined) this.doSetPaused = inner.doSetPaused.bind(inner);
    if (inner.doEnqueueRouted !== undefined) this.doEnqueueRouted = (targets, options) => this.enqueueRouted(targets, options);
    // Bindings are not about any one queue: every adapter passes them on as they are.
    if (inner.doSaveBinding !== undefined) this.doSaveBinding = inner.doSaveBinding.bind(inner);
    if (inner.doRemoveBinding !== undefined) this.doRemoveBinding = inner.doRemoveBinding.bind(inner);
    if (inner.doListBindings !== undefined) this.doListBindings = inner.doListBindings.bind(inner);
    if (inner.doPublishEvent !== undefined) this.doPublishEvent = (event) => (inner.doPublishEvent as (e: WireEvent) => Promise<void>)(event);
    if (inner.doSubscribeEvents !== undefined) {
      this.doSubscribeEvents = (listener) => (inner.doSubscribeEvents as NonNullable<QueueProvider['doSubscribeEvents']>)(listener);
    }
  }

  get name(): string {
    return this.inner.name;
  }

  doConnect(): Promise<void> {
    return this.inner.doConnect();
  }

  doDisconnect(): Promise<void> {
    return this.inner.doDisconnect();
  }

  doHealthCheck(): Promise<boolean> {
    return this.inner.doHealthCheck();
  }

  doEnqueue(queueName: string, records: readonly EnqueueRecord[]): Promise<EnqueueResult> {
    return this.inner.doEnqueue(queueName, records);
  }

  doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    return this.inner.doTake(queueName, options);
  }

  doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    return this.inner.doAck(queueName, lease, processingMs);
  }

  doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    return this.inner.doRelease(queueName, lease, options);
  }

  doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    return this.inner.doDeadLetter(queueName, lease, error, options);
  }

  doWaitForWork(queueName: string, signal: AbortSignal): Promise<void> {
    return this.inner.doWaitForWork(queueName, signal);
  }

  doCount(queueName: string): Promise<QueueCounts> {
    return this.inner.doCount(queueName);
  }

  doListQueues(): Promise<string[]> {
    return this.inner.doListQueues();
  }

  doPurge(queueName: string): Promise<number> {
    return this.inner.doPurge(queueName);
  }

  doDeleteQueue(queueName: string): Promise<void> {
    return this.inner.doDeleteQueue(queueName);
  }

  doListDeadLetters(queueName: string, options: ListOptions): Promise<DeadRecord[]> {
    return this.inner.doListDeadLetters(queueName, options);
  }

  doReplayDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<string[]> {
    return this.inner.doReplayDeadLetters(queueName, ids);
  }

  doPurgeDeadLetters(queueName: string, ids: readonly string[] | undefined): Promise<number> {
    return this.inner.doPurgeDeadLetters(queueName, ids);
  }

  /** doDeclareQueue, when the inner provider has it. */
  protected declareQueue(queueName: string, settings: QueueSettings): Promise<QueueSettings> {
    return (this.inner.doDeclareQueue as NonNullable<QueueProvider['doDeclareQueue']>)(queueName, settings);
  }

  /** doEnqueueRouted, when the inner provider has it. */
  protected enqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    return (this.inner.doEnqueueRouted as NonNullable<QueueProvider['doEnqueueRouted']>).call(this.inner, targets, options);
  }
}

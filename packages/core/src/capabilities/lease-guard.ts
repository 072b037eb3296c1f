import type { Clock } from '../clock/clock.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { DeadLetterOptions, LeaseRef, QueueProvider, ReleaseOptions, TakenRecord, TakeOptions } from '../provider/queue-provider.js';
import { ForwardingProvider } from './forwarding-provider.js';

/**
 * For a store without fenced acknowledgements (capabilities.fencedAcks false: a stale lease token
 * still deletes, as an old SQS receipt handle does). The core refuses, before calling the store,
 * an ack, release or dead-letter whose lease has run out by the queue's clock; the call returns
 * false, which the core reports as MQ_LEASE_LOST, as a fenced store would.
 *
 * The deadline travels in the token the core hands back (`<deadline>:<store token>`), so nothing
 * is kept per message and a lease taken by another instance is judged the same way. It is the
 * instant the take was asked for plus the lease: the store's lease began at that instant or
 * later, so the guard never lets through a settlement the store's lease no longer covers (it may
 * refuse one in the last milliseconds of a lease, which only means a redelivery).
 */
export class LeaseGuard extends ForwardingProvider {
  constructor(
    inner: QueueProvider,
    capabilities: ProviderCapabilities,
    private readonly clock: Clock,
  ) {
    super(inner, capabilities);
  }

  override async doTake(queueName: string, options: TakeOptions): Promise<TakenRecord[]> {
    const deadline = this.clock.now() + options.leaseMs;
    const records = await this.inner.doTake(queueName, options);
    return records.map((record) => ({ ...record, leaseToken: `${deadline}:${record.leaseToken}` }));
  }

  override doAck(queueName: string, lease: LeaseRef, processingMs: number): Promise<boolean> {
    const held = this.held(lease);
    return held === undefined ? Promise.resolve(false) : this.inner.doAck(queueName, held, processingMs);
  }

  override doRelease(queueName: string, lease: LeaseRef, options: ReleaseOptions): Promise<boolean> {
    const held = this.held(lease);
    return held === undefined ? Promise.resolve(false) : this.inner.doRelease(queueName, held, options);
  }

  override doDeadLetter(queueName: string, lease: LeaseRef, error: string, options?: DeadLetterOptions): Promise<boolean> {
    const held = this.held(lease);
    return held === undefined ? Promise.resolve(false) : this.inner.doDeadLetter(queueName, held, error, options);
  }

  /** The store's lease, if the token is one of ours and its deadline has not passed; else undefined (not held). */
  private held(lease: LeaseRef): LeaseRef | undefined {
    const split = lease.leaseToken.indexOf(':');
    const deadline = split > 0 ? Number(lease.leaseToken.slice(0, split)) : Number.NaN;
    // Same rule as a fenced store's: held through the deadline itself.
    if (!(this.clock.now() <= deadline)) return undefined;
    return { id: lease.id, leaseToken: lease.leaseToken.slice(split + 1) };
  }
}

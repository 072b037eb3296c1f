import { adaptProvider, effectiveCapabilities } from '../capabilities/adapt-provider.js';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/system-clock.js';
import { MqError } from '../errors/mq-error.js';
import { notOpenError } from '../errors/queue-state-error.js';
import { normalizeCapabilities } from '../provider/normalize-capabilities.js';
import type { ProviderCapabilities } from '../provider/provider-capabilities.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import type { MessageQueueOptions } from './message-queue-options.js';

type State = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

/**
 * A MessageQueue's provider through its life: loaded and connected once, open, closed once. A
 * disconnected session cannot be reopened. Every call to the provider goes through the
 * ProviderGateway, which asks this session whether the queue is open.
 */
export class ProviderSession {
  private provider: QueueProvider | undefined;
  private state: State = 'idle';
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private declared: ProviderCapabilities | undefined;

  constructor(
    private readonly source: MessageQueueOptions['provider'],
    private readonly providerName: string,
    // caps (issue 11): the queue's clock, by which adapters judge leases and long delays.
    private readonly clock: Clock = systemClock,
  ) {}

  /** The provider once connected (also while closing), for work that must not fail on state. */
  get current(): QueueProvider | undefined {
    return this.provider;
  }

  /** What the provider declared, every field filled in (normalizeCapabilities), read once at connect. Throws MQ_NOT_CONNECTED before. */
  get capabilities(): ProviderCapabilities {
    if (this.declared === undefined) throw notOpenError('idle', 'read the provider\'s capabilities');
    return this.declared;
  }

  /** The provider while the queue is open, else undefined. */
  get open(): QueueProvider | undefined {
    return this.state === 'open' ? this.provider : undefined;
  }

  connect(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(notOpenError(this.state, 'connect'));
    this.connecting ??= this.start();
    return this.connecting;
  }

  /** Runs `stopUsers` (subscriptions, background settles) once the session is closing, then closes the provider. Idempotent. */
  disconnect(stopUsers: () => Promise<void>): Promise<void> {
    this.closing ??= this.close(stopUsers);
    return this.closing;
  }

  /** The provider, if the queue is open (or closing, with allowClosing); else throws MQ_NOT_CONNECTED / MQ_CLOSED. */
  requireOpen(operation: string, allowClosing = false): QueueProvider {
    if (this.provider !== undefined && (this.state === 'open' || (allowClosing && this.state === 'closing'))) return this.provider;
    throw notOpenError(this.state === 'open' ? 'idle' : (this.state as Exclude<State, 'open'>), operation);
  }

  /** A provider failure as callers see it: an MqError as it is, anything else as MQ_PROVIDER_ERROR. */
  providerError(operation: string, error: unknown): unknown {
    if (MqError.isInstance(error)) return error;
    return new MqError('MQ_PROVIDER_ERROR', `The ${this.providerName} provider failed during ${operation}.`, { cause: error, details: { operation } });
  }

  private async start(): Promise<void> {
    this.state = 'connecting';
    try {
      const source = this.source;
      const loaded = 'load' in source ? await source.load() : source;
      // Capabilities are read once. adaptProvider emulates what the store lacks; it returns the
      // provider itself when nothing needs emulating (memory): no wrapper, no cost per call (Redis: PartitionedQueues only).
      const declared = normalizeCapabilities(loaded.capabilities);
      const provider = adaptProvider(loaded, declared, this.clock);
      await provider.doConnect();
      // What the queue can rely on: the store's own, plus what the adapters emulate.
      this.declared = effectiveCapabilities(declared);
      this.provider = provider;
      this.state = 'open';
    } catch (error) {
      this.state = 'idle';
      this.connecting = undefined;
      throw error;
    }
  }

  private async close(stopUsers: () => Promise<void>): Promise<void> {
    if (this.connecting !== undefined) await this.connecting.catch(() => undefined);
    this.state = 'closing';
    await stopUsers();
    try {
      await this.provider?.doDisconnect();
    } finally {
      this.state = 'closed';
    }
  }
}

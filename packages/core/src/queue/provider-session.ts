import { adaptProvider } from '../capabilities/adapt-provider.js';
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
 * A MessageQueue's provider through its life: loaded and connected once, called while open (with
 * its failures mapped to MqErrors), closed once. A disconnected session cannot be reopened.
 */
export class ProviderSession {
  private provider: QueueProvider | undefined;
  private state: State = 'idle';
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  /** caps (issue 11): what the store can do, read once at connect (v1's meaning until then). */
  capabilities: ProviderCapabilities = normalizeCapabilities({ sharedAcrossProcesses: false, durable: false, crossInstanceEvents: false });

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

  /**
   * Runs a provider call; anything it throws or rejects with that is not an MqError becomes
   * MQ_PROVIDER_ERROR. Not an async function: the happy path returns the provider's own promise
   * (one promise and one tick fewer per call; this runs several times for every message).
   */
  call<R>(operation: string, fn: (provider: QueueProvider) => Promise<R>, allowClosing = false): Promise<R> {
    let pending: Promise<R>;
    try {
      pending = fn(this.requireOpen(operation, allowClosing));
    } catch (error) {
      return Promise.reject(this.providerError(operation, error));
    }
    return pending.catch((error: unknown) => {
      throw this.providerError(operation, error);
    });
  }

  providerError(operation: string, error: unknown): unknown {
    if (MqError.isInstance(error)) return error;
    return new MqError('MQ_PROVIDER_ERROR', `The ${this.providerName} provider failed during ${operation}.`, { cause: error, details: { operation } });
  }

  private async start(): Promise<void> {
    this.state = 'connecting';
    try {
      const source = this.source;
      const loaded = 'load' in source ? await source.load() : source;
      // caps (issue 11): capabilities read once; adaptProvider emulates what the store lacks (it returns the provider itself when nothing is: memory, Redis).
      const provider = adaptProvider(loaded, (this.capabilities = normalizeCapabilities(loaded.capabilities)), this.clock);
      await provider.doConnect();
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

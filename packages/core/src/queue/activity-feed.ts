import type { EventEmitter } from 'eventemitter3';
import type { Clock } from '../clock/clock.js';
import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { DeadLetter, QueueMessage } from '../message/queue-message.js';
import type { WireEvent } from '../provider/queue-provider.js';
import type { ActivityEvent, ActivityListener } from './activity-event.js';
import { toError } from './error-info.js';
import type { ProviderGateway } from './provider-gateway.js';
import type { CompletedEvent, DeadLetterEvent, QueueEventMap } from './queue-events.js';

/** Completed and dead-lettered messages, from this instance or, through the provider, from all. */
export class ActivityFeed {
  constructor(
    private readonly events: EventEmitter<QueueEventMap>,
    private readonly serializer: MessageSerializer,
    private readonly clock: Clock,
    private readonly publishEnabled: boolean,
    private readonly gateway: ProviderGateway,
  ) {}

  /** False when publish() would do nothing (so callers can skip building the event). */
  get publishing(): boolean {
    return this.publishEnabled;
  }

  /** Sends an event to other instances, if enabled and the provider can. Never throws. */
  publish(event: ActivityEvent): void {
    const provider = this.gateway.session.current;
    if (!this.publishEnabled || provider?.doPublishEvent === undefined || !this.gateway.session.capabilities.crossInstanceEvents) return;
    const { message } = event;
    let data: string | Promise<string>;
    try {
      data = this.serializer.toWireData(message, event.queueName);
    } catch (error) {
      this.events.emit('error', toError(error));
      return;
    }
    // Promise only where pipeline stages encode the message.
    if (typeof data !== 'string') {
      data.then((text) => this.send(event, text)).catch((error: unknown) => this.events.emit('error', toError(error)));
      return;
    }
    this.send(event, data);
  }

  private send(event: ActivityEvent, data: string): void {
    const { message } = event;
    const wire: WireEvent = {
      event: event.event,
      queueName: event.queueName,
      id: message.id,
      priority: message.priority,
      data,
      attempts: message.attempts,
      at: event.at,
      ...(event.error === undefined ? {} : { error: JSON.stringify(event.error) }),
    };
    this.gateway.publishEvent(wire).catch((error: unknown) => this.events.emit('error', toError(error)));
  }

  async subscribe(listener: ActivityListener): Promise<() => Promise<void>> {
    const provider = this.gateway.session.requireOpen('subscribeEvents');
    if (typeof listener !== 'function') {
      throw new ValidationError('MQ_INVALID_ARGUMENT', 'subscribeEvents() needs a listener function.', { field: 'listener' });
    }
    if (this.gateway.session.capabilities.crossInstanceEvents && provider.doSubscribeEvents !== undefined) {
      return this.gateway.subscribeEvents((wire) => {
        const dead = this.serializer.toDeadLetter(wire.queueName, { ...wire, error: wire.error ?? '', failedAt: wire.at });
        // A promise only where pipeline stages decode (it never rejects).
        if (dead instanceof Promise) void dead.then((d) => this.deliver(listener, wire, d));
        else this.deliver(listener, wire, dead);
      });
    }
    return this.subscribeLocal(listener);
  }

  private deliver(listener: ActivityListener, wire: WireEvent, dead: DeadLetter): void {
    const { error, ...message } = plain(dead);
    try {
      listener({ event: wire.event, queueName: wire.queueName, message, at: wire.at, ...(wire.event === 'deadLetter' ? { error } : {}) });
    } catch (failure) {
      this.events.emit('error', toError(failure));
    }
  }

  private subscribeLocal(listener: ActivityListener): () => Promise<void> {
    const onCompleted = ({ queueName, message }: CompletedEvent): void =>
      listener({ event: 'completed', queueName, message: plain(message), at: this.clock.now() });
    const onDead = ({ queueName, message }: DeadLetterEvent): void => {
      const { error, ...rest } = plain(message);
      listener({ event: 'deadLetter', queueName, message: rest, error, at: message.failedAt });
    };
    this.events.on('completed', onCompleted);
    this.events.on('deadLetter', onDead);
    return () => {
      this.events.off('completed', onCompleted);
      this.events.off('deadLetter', onDead);
      return Promise.resolve();
    };
  }
}

/** A message without delivery details (lease, queue, last error, failure time). */
function plain<T extends QueueMessage>(message: T): QueueMessage & Partial<Pick<DeadLetter, 'error'>> {
  const { lease: _l, lastError: _e, queueName: _q, failedAt: _f, ...rest } = message as T & Record<string, unknown>;
  return rest as QueueMessage & Partial<Pick<DeadLetter, 'error'>>;
}

import type { WireEvent } from '@mq/core/provider';

export interface EventTransport {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
}

/**
 * Carries the core's completed/deadLetter events between instances over one pub/sub channel
 * (classic pub/sub reaches every node of a cluster). At most once: an instance that is
 * disconnected while an event is published does not get it.
 */
export class EventRelay {
  private readonly listeners = new Set<(event: WireEvent) => void>();
  private subscribed: Promise<void> | undefined;

  constructor(
    readonly channel: string,
    private readonly transport: EventTransport,
  ) {}

  async publish(event: WireEvent): Promise<void> {
    await this.transport.publish(this.channel, JSON.stringify(event));
  }

  async subscribe(listener: (event: WireEvent) => void): Promise<() => Promise<void>> {
    if (this.subscribed === undefined) {
      this.subscribed = this.transport.subscribe(this.channel);
      this.subscribed.catch(() => (this.subscribed = undefined));
    }
    await this.subscribed;
    this.listeners.add(listener);
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || this.subscribed === undefined) return;
      this.subscribed = undefined;
      await this.transport.unsubscribe(this.channel);
    };
  }

  /** A message from the channel; malformed ones are dropped. */
  deliver(message: string): void {
    let event: WireEvent;
    try {
      event = JSON.parse(message) as WireEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.queueName !== 'string') return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop the others.
      }
    }
  }
}

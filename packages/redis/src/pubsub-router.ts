import type { IoredisConnection } from './ioredis-connection.js';
import type { IoredisSubscriber } from './ioredis-subscriber.js';

export interface PubSubRoutes {
  /** The channel of cross-instance events; every other channel is a queue's wake channel. */
  readonly eventsChannel: string;
  onEvent(message: string): void;
  onWake(channel: string, message: string): void;
  /** The connection came back and resubscribed: notifications may have been missed meanwhile. */
  onResubscribed(): void;
}

/**
 * The provider's one pub/sub connection (opened by the first subscription), shared by every
 * queue's wake channel and the events channel; routes each message by its channel.
 */
export class PubSubRouter {
  private subscriber: IoredisSubscriber | undefined;

  constructor(
    private readonly connection: IoredisConnection,
    private readonly routes: PubSubRoutes,
  ) {}

  subscribe(channel: string): Promise<void> {
    return this.open().subscribe(channel);
  }

  unsubscribe(channel: string): Promise<void> {
    return this.open().unsubscribe(channel);
  }

  close(): void {
    this.subscriber?.close();
    this.subscriber = undefined;
  }

  private open(): IoredisSubscriber {
    const routes = this.routes;
    this.subscriber ??= this.connection.createSubscriber(
      (channel, message) => (channel === routes.eventsChannel ? routes.onEvent(message) : routes.onWake(channel, message)),
      () => routes.onResubscribed(),
    );
    return this.subscriber;
  }
}

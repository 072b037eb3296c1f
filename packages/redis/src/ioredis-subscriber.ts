import type { Cluster, Redis } from 'ioredis';
import { withTimeout } from './with-timeout.js';

type Handler = (channel: string, message: string) => void;

/** The bounds a subscriber keeps (ConnectionSettings' own), in ms. */
export interface SubscriberBounds {
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
}

/** A pub/sub connection: resubscribes after a reconnect, then reports it so waiters re-check. */
export class IoredisSubscriber {
  private everReady = false;
  private opening: Promise<void> | undefined;

  constructor(
    private readonly client: Redis | Cluster,
    private readonly settings: SubscriberBounds,
    onMessage: Handler,
    onResubscribed: () => void,
  ) {
    client.on('error', () => undefined);
    client.on('message', onMessage);
    client.on('ready', () => {
      if (!this.everReady) {
        this.everReady = true;
        return;
      }
      // Replies come in order: once PING answers, the automatic resubscription is in place.
      this.client.ping().then(onResubscribed, onResubscribed);
    });
  }

  async subscribe(channel: string): Promise<void> {
    await this.opened();
    await withTimeout(this.client.subscribe(channel), this.settings.commandTimeoutMs);
  }

  /**
   * Opens the connection on first use. Every caller that arrives while it opens waits for the same
   * attempt: with no offline queue, a SUBSCRIBE sent while the connection is still connecting fails
   * at once ("Stream isn't writeable"), which reported a healthy Redis as unreachable whenever
   * several queues were subscribed right after connect(). Later (reconnecting after a drop) calls
   * fail fast as before.
   */
  private opened(): Promise<void> {
    if (this.opening !== undefined) return this.opening;
    if (this.client.status !== 'wait') return Promise.resolve();
    const attempt = this.client.connect();
    attempt.catch(() => undefined);
    const opening = withTimeout(attempt, this.settings.connectTimeoutMs).finally(() => {
      if (this.opening === opening) this.opening = undefined;
    });
    this.opening = opening;
    return opening;
  }

  async unsubscribe(channel: string): Promise<void> {
    await withTimeout(this.client.unsubscribe(channel), this.settings.commandTimeoutMs);
  }

  close(): void {
    this.client.disconnect();
  }
}

import { ProviderUnavailableError } from '@mq/core/provider';
import type { IoredisConnection } from './ioredis-connection.js';
import type { LuaScript } from './lua-scripts.js';

/** Wait for `replicas` replicas to acknowledge each enqueue, up to `timeoutMs` (Redis WAIT). */
export interface WaitForReplicas {
  readonly replicas: number;
  readonly timeoutMs: number;
}

/**
 * Runs enqueue scripts so that each resolves only once `replicas` replicas have it (the
 * waitForReplicas option).
 *
 * Redis `WAIT` blocks the connection it runs on, and it counts only the writes made by that
 * connection. So the enqueue scripts and their `WAIT` run on a connection of their own: takes,
 * acks and every other call keep the main connection and never queue behind a `WAIT`, and each
 * `WAIT` follows, on the same connection, the writes it confirms. (The other way, reading the
 * primary's replication offset after each write and polling the replicas' offsets with INFO,
 * costs a round trip per enqueue plus a polling loop.)
 *
 * One `WAIT` is in flight at a time, and it confirms every enqueue written on this connection
 * before it was sent. Enqueues answered while it is in flight share the next `WAIT` instead of
 * lining up one `WAIT` each: Redis holds a blocked client's later commands until its `WAIT`
 * returns, so with the replicas down a line of them would wait `timeoutMs` each.
 */
export class ReplicaConfirmer {
  /** Scripts sent on this connection so far. */
  private written = 0;
  /** The WAIT in flight and the number of scripts sent before it (all of which it confirms). */
  private current: { readonly covers: number; readonly acknowledged: Promise<number> } | undefined;
  /** The WAIT to send once the current one returns, for scripts it does not cover. */
  private next: Promise<number> | undefined;

  constructor(
    private readonly connection: IoredisConnection,
    readonly options: WaitForReplicas,
  ) {}

  connect(): Promise<void> {
    return this.connection.connect();
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  /** Runs a writing script, then resolves with its reply once enough replicas confirmed it. */
  async run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const reply = this.connection.run(script, keys, args);
    const sequence = ++this.written;
    const result = await reply;
    const acknowledged = await this.confirm(sequence);
    if (acknowledged < this.options.replicas) throw this.unconfirmed(acknowledged);
    return result;
  }

  /** How many replicas acknowledged the `sequence`-th script (and all before it). */
  private confirm(sequence: number): Promise<number> {
    const current = this.current;
    if (current === undefined) return this.sendWait();
    if (current.covers >= sequence) return current.acknowledged;
    this.next ??= current.acknowledged.then(
      () => this.sendWait(),
      () => this.sendWait(),
    );
    return this.next;
  }

  private sendWait(): Promise<number> {
    this.next = undefined;
    const { replicas, timeoutMs } = this.options;
    // WAIT: blocks until `replicas` replicas acknowledged every write this connection made so far, or timeoutMs passed.
    const [server] = this.connection.primaries();
    const acknowledged = (server === undefined ? Promise.reject(new Error('no server to WAIT on')) : server.send('WAIT', [replicas, timeoutMs], timeoutMs)).then(Number);
    const current = { covers: this.written, acknowledged };
    this.current = current;
    const clear = (): void => {
      if (this.current === current) this.current = undefined;
    };
    acknowledged.then(clear, clear);
    return acknowledged;
  }

  /** Fewer acknowledgements than required: an indeterminate outcome, not a loss. */
  private unconfirmed(acknowledged: number): ProviderUnavailableError {
    const { replicas, timeoutMs } = this.options;
    return new ProviderUnavailableError(
      `Enqueue is indeterminate, not lost: the message was stored on the Redis primary, but only ${acknowledged} of ${replicas} required ` +
        `replica(s) confirmed it within ${timeoutMs} ms, so it may or may not survive a failover. ` +
        'A retry with the same message id is reported as a duplicate if the message is still there.',
      { details: { acknowledgedReplicas: acknowledged, requiredReplicas: replicas, timeoutMs } },
    );
  }
}

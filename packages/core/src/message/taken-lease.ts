import type { Lease } from './queue-message.js';

/**
 * The lease of a taken message. It also remembers, privately, when this instance took the message,
 * so ack() can report the processing time: a private field is invisible to users (keys, JSON,
 * equality checks) and costs far less than a WeakMap entry per message.
 */
export class TakenLease implements Lease {
  readonly #takenAt: number;

  constructor(
    readonly token: string,
    readonly expiresAt: number,
    takenAt: number,
  ) {
    this.#takenAt = takenAt;
  }

  /** When the message was taken, if `lease` was handed out by this copy of @mq/core. */
  static takenAtOf(lease: Lease): number | undefined {
    return lease instanceof TakenLease ? lease.#takenAt : undefined;
  }
}

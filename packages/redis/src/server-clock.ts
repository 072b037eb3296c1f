import type { Clock } from '@mq/core/provider';

/**
 * The time the scripts judge by. Without an injected clock every script reads the Redis server's
 * TIME (one clock for every instance, so a host whose clock is off neither runs delayed messages
 * early nor holds them back); this class only learns how far the server's clock is from ours,
 * from the time each take reply carries, to bound how late a take may still lease.
 */
export class ServerClock {
  /** Redis server time minus Date.now(), from the last take's reply. */
  private offsetMs: number | undefined;

  constructor(
    /** The injected clock (tests), or undefined for the server's TIME. */
    private readonly clock: Clock | undefined,
    /** The bound of one command (ms): a take that reaches Redis later than this leases nothing. */
    private readonly commandTimeoutMs: number,
  ) {}

  /** The time passed to scripts (ARGV "now"): the injected clock's, or -1 for the Redis server's TIME. */
  now(): number {
    return this.clock === undefined ? -1 : this.clock.now();
  }

  /** A reply's server time (take.lua answers the time it used). */
  observe(serverNow: number): void {
    if (this.clock === undefined) this.offsetMs = serverNow - Date.now();
  }

  /**
   * When (server ms) a take sent now stops being awaited here. A take that timed out may still run
   * once its bytes get through a stalled network; leasing then would hand records to nobody and
   * spend an attempt of each. -1 (no limit) until a reply told us the server's clock, or with an
   * injected clock. The offset errs early by the reply's travel time: then a take answers empty.
   */
  takeGiveUpAt(): number {
    if (this.clock !== undefined || this.offsetMs === undefined) return -1;
    return Date.now() + this.offsetMs + this.commandTimeoutMs;
  }
}

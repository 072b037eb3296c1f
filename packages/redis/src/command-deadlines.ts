import { CallTimeoutError } from './with-timeout.js';

/** A call in flight that a deadline can end: `expire` rejects it unless it settled first. */
export interface DeadlinedCall {
  /** When (performance.now() ms) the call times out; set by CommandDeadlines.add. */
  deadlineAt: number;
  /** True once the call resolved or rejected: its deadline no longer matters. */
  readonly settled: boolean;
  expire(error: CallTimeoutError): void;
}

/** Settled calls dropped from the front before the list is compacted. */
const COMPACT_AFTER = 1024;

/**
 * The command bound of one connection on a single timer, in place of withTimeout's setTimeout,
 * clearTimeout and extra promise per call (measured: see docs/redis.md, "Command cost").
 * Every call gets the same bound, so in send order the deadlines only grow: a FIFO list, a timer
 * armed for the first unsettled deadline, and when it fires every due call is rejected with a
 * CallTimeoutError (the same error and message as withTimeout) and the timer re-armed for the
 * next. A call that settles is not removed: settled calls are skipped from the front, at each
 * add and when the timer fires. Replies come in send order on one socket, so the front settles
 * first and the list holds about the calls in flight; a busy connection sets about one timer per
 * timeoutMs instead of one per call. Real time (a monotonic clock), never the injected clock: a
 * manual clock must not stall a socket.
 */
export class CommandDeadlines {
  private calls: DeadlinedCall[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly timeoutMs: number) {}

  /** Starts `call`'s bound now. */
  add(call: DeadlinedCall): void {
    call.deadlineAt = performance.now() + this.timeoutMs;
    this.dropSettled();
    this.calls.push(call);
    if (this.timer === undefined) this.arm(call.deadlineAt);
  }

  /** Calls still tracked (settled ones behind an unsettled one included); for tests. */
  get size(): number {
    return this.calls.length - this.head;
  }

  private dropSettled(): void {
    const calls = this.calls;
    while (this.head < calls.length && (calls[this.head] as DeadlinedCall).settled) this.head++;
    if (this.head === calls.length) {
      calls.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= calls.length) {
      this.calls = calls.slice(this.head);
      this.head = 0;
    }
  }

  private arm(deadlineAt: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.ceil(deadlineAt - performance.now())));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.calls.length) {
      const call = this.calls[this.head] as DeadlinedCall;
      if (!call.settled) {
        if (call.deadlineAt > now) break;
        call.expire(new CallTimeoutError(this.timeoutMs));
      }
      this.head++;
    }
    this.dropSettled();
    const next = this.calls[this.head];
    if (next !== undefined) this.arm(next.deadlineAt);
  }
}

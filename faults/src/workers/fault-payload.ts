/** The payload of every test message: what its handler should do. */
export interface FaultPayload {
  /** Order of creation within its producer. */
  readonly seq: number;
  /** Simulated work (awaited, the event loop stays free). */
  readonly workMs?: number;
  /** Kill the consumer process on every attempt (SIGKILL to itself). */
  readonly poison?: boolean;
  /** On the first attempt only: hold the event loop this long before returning (longer than the lease). */
  readonly blockMs?: number;
  /** Fail (throw) on attempts 1..failTimes. */
  readonly failTimes?: number;
  /** Throw UnrecoverableError on this attempt and any later one. */
  readonly unrecoverableFromAttempt?: number;
}

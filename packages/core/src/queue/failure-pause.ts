/**
 * The first pause of a subscription lane after a failed take or wait for work. Short, so that a
 * blip (a reconnect, a failover) costs little; long enough that a store that is down is not
 * hammered in a tight loop. Lanes that fail together report a failure once within it.
 */
export const FAILURE_PAUSE_FIRST_MS = 100;

/** The longest pause: a store that comes back is used again within 5 s (docs/guide.md says 100 ms to 5 s). */
export const FAILURE_PAUSE_MAX_MS = 5000;

/** The pause after a failure, given the previous pause (0 after a take that worked): 100 ms, doubling to 5 s. */
export function nextFailurePauseMs(previousMs: number): number {
  return Math.min(FAILURE_PAUSE_MAX_MS, Math.max(FAILURE_PAUSE_FIRST_MS, previousMs * 2));
}

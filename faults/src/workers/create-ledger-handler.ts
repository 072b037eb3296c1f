import { UnrecoverableError, type ReceivedMessage } from '@mq/core';
import type { Ledger } from '../ledger/ledger-entry.js';
import type { FaultPayload } from './fault-payload.js';

export interface LedgerHandlerDeps {
  readonly ledger: Ledger;
  readonly pid: number;
  now(): number;
  /** Awaits simulated work. */
  sleep(ms: number): Promise<void>;
  /** Holds the consumer for `ms` (a real process busy-waits: its event loop is blocked). */
  block(ms: number): Promise<void>;
  /** Kills this consumer (a real process SIGKILLs itself). */
  die(): void;
  /** False once this consumer was killed (in-process consumers keep running code after a simulated kill). */
  isAlive(): boolean;
  /** False: ignore failTimes and unrecoverableFromAttempt (e.g. after a replay); default true. */
  readonly plannedFailures?: boolean;
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * The handler of every fault case: writes `start`, does what the payload says, then writes `done`
 * before it returns (or `fail` before it throws). A dead consumer writes nothing more.
 */
export function createLedgerHandler(deps: LedgerHandlerDeps): (message: ReceivedMessage<FaultPayload>) => Promise<void> {
  const { ledger, pid } = deps;
  return async (message) => {
    const { id, attempts: attempt, payload } = message;
    ledger.append({ kind: 'start', id, pid, attempt, at: deps.now(), leaseExpiresAt: message.lease.expiresAt });
    if (payload.poison === true) {
      deps.die();
      return never();
    }
    if (payload.blockMs !== undefined && attempt === 1) await deps.block(payload.blockMs);
    if (payload.workMs !== undefined && payload.workMs > 0) await deps.sleep(payload.workMs);
    if (!deps.isAlive()) return never();
    const failures = deps.plannedFailures ?? true;
    if (failures && (payload.failTimes ?? 0) >= attempt) {
      ledger.append({ kind: 'fail', id, pid, attempt, at: deps.now(), error: 'planned' });
      throw new Error(`planned failure on attempt ${attempt} of ${id}`);
    }
    if (failures && payload.unrecoverableFromAttempt !== undefined && attempt >= payload.unrecoverableFromAttempt) {
      ledger.append({ kind: 'fail', id, pid, attempt, at: deps.now(), error: 'unrecoverable' });
      throw new UnrecoverableError(`planned unrecoverable failure on attempt ${attempt} of ${id}`);
    }
    ledger.append({ kind: 'done', id, pid, attempt, at: deps.now() });
  };
}

/** A bound of withTimeout passed: the call may still complete later (an indeterminate outcome). */
export class CallTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Command timed out after ${ms} ms`);
    this.name = 'CallTimeoutError';
  }
}

/**
 * Settles like `promise`, or rejects with a CallTimeoutError after `ms` of real time. Network
 * bounds use real timers, never the injected clock: a manual clock must not stall a socket.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CallTimeoutError(ms)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

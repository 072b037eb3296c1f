export interface WaitOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Check again after this long; default 50 ms. */
  readonly intervalMs?: number;
  /** What is awaited, for the error message. */
  readonly what: string;
}

/**
 * Resolves once `condition` holds; rejects after timeoutMs. Bounded in time and in checks: the
 * suite awaits conditions, it never sleeps to see what happens.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, options: WaitOptions): Promise<void> {
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + options.timeoutMs;
  const maxChecks = Math.ceil(options.timeoutMs / intervalMs) + 1;
  for (let check = 0; check < maxChecks; check++) {
    if (await condition()) return;
    if (Date.now() >= deadline) break;
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
}

/** Resolves when `check()` is true, re-checking on each `poke` call; rejects after `timeoutMs` (a bound, not a pause). */
export function waitUntil(check: () => boolean, subscribe: (poke: () => void) => () => void, timeoutMs = 10_000, what = 'the condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    let stop = (): void => undefined;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const poke = () => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    };
    stop = subscribe(poke);
    poke();
  });
}

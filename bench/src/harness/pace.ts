import { sleep } from './countdown.js';

/**
 * Calls `send(i)` for i = 0..count-1 at a steady rate, one every `intervalMs`, without waiting for
 * earlier sends (they stay in flight); resolves when every send settled.
 */
export async function pace(count: number, intervalMs: number, send: (i: number) => Promise<void>): Promise<void> {
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let i = 0;
  while (i < count) {
    const now = performance.now();
    while (i < count && start + i * intervalMs <= now) inFlight.push(send(i++));
    if (i < count) await sleep(Math.max(0, start + i * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
}

import type { SeededRandom } from '../random/seeded-random.js';
import type { PlannedMessage } from './plan-messages.js';

/** Case 6: message i fails its first k_i ∈ {0..5} attempts (k_i from the seed), with maxRetries 3. */
export function planFailures(count: number, random: SeededRandom): (PlannedMessage & { readonly failTimes: number })[] {
  return Array.from({ length: count }, (_, seq) => {
    const failTimes = random.int(0, 5);
    return { id: `m-${seq}`, priority: 5, delayMs: 0, failTimes, payload: { seq, failTimes } };
  });
}

import type { SeededRandom } from '../random/seeded-random.js';

export interface FaultEvent {
  readonly mode: 'reset' | 'blackhole' | 'latency';
  /** How long the fault lasts (0 for a reset: it happens at once). */
  readonly durationMs: number;
}

/** Case 4's 30 events, shuffled by the seed: 10 resets, 10 blackholes of 3–10 s, 10 latency periods. */
export function planFaultEvents(random: SeededRandom, latencyPeriodMs: readonly [number, number]): FaultEvent[] {
  const events: FaultEvent[] = [
    ...Array.from({ length: 10 }, (): FaultEvent => ({ mode: 'reset', durationMs: 0 })),
    ...Array.from({ length: 10 }, (): FaultEvent => ({ mode: 'blackhole', durationMs: random.int(3000, 10_000) })),
    ...Array.from({ length: 10 }, (): FaultEvent => ({ mode: 'latency', durationMs: random.int(latencyPeriodMs[0], latencyPeriodMs[1]) })),
  ];
  for (let i = events.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [events[i], events[j]] = [events[j] as FaultEvent, events[i] as FaultEvent];
  }
  return events;
}

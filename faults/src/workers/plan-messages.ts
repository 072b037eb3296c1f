import type { SeededRandom } from '../random/seeded-random.js';
import type { FaultPayload } from './fault-payload.js';

export interface MessagePlanOptions {
  /** Ids are `${idPrefix}-${seq}`. */
  readonly idPrefix: string;
  readonly count: number;
  /** Random priorities 1–10; default priority 5 for all. */
  readonly randomPriority?: boolean;
  /** Share of messages (0–1) with a random delay of 0..maxDelayMs. */
  readonly delayedShare?: number;
  readonly maxDelayMs?: number;
  /** Random work per message, [min, max] ms. */
  readonly workMs?: readonly [number, number];
}

export interface PlannedMessage {
  readonly id: string;
  readonly priority: number;
  readonly delayMs: number;
  readonly payload: FaultPayload;
}

/** The messages of one producer, from its seed: the same seed plans the same messages. */
export function planMessages(options: MessagePlanOptions, random: SeededRandom): PlannedMessage[] {
  const planned: PlannedMessage[] = [];
  for (let seq = 0; seq < options.count; seq++) {
    const priority = options.randomPriority === true ? random.int(1, 10) : 5;
    const delayed = random.next() < (options.delayedShare ?? 0);
    const delayMs = delayed ? random.int(0, options.maxDelayMs ?? 0) : 0;
    const workMs = options.workMs === undefined ? undefined : random.int(options.workMs[0], options.workMs[1]);
    planned.push({ id: `${options.idPrefix}-${seq}`, priority, delayMs, payload: workMs === undefined ? { seq } : { seq, workMs } });
  }
  return planned;
}

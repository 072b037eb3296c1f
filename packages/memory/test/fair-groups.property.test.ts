import fc from 'fast-check';
import { expect, test } from 'vitest';
import { MemoryQueueState } from '../src/memory-queue-state.js';

// Fair groups of the in-memory store against a reference: every take hands out the highest
// priority first; within it, no group exceeds the limit, each group's records come FIFO, a group
// is only passed over while at its limit, and nothing is lost or handed out twice.

type Op = { kind: 'add'; priority: number; group: number } | { kind: 'take'; max: number; limit: number } | { kind: 'ack'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), priority: fc.integer({ min: 4, max: 6 }), group: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('take' as const), max: fc.integer({ min: 1, max: 5 }), limit: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('ack' as const), pick: fc.nat() }),
);

/** Group 0 stands for "no group". */
const groupOf = (g: number): string | undefined => (g === 0 ? undefined : `g${g}`);

test('groups take turns within a priority, FIFO inside each, never above the limit; nothing lost', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
      const state = new MemoryQueueState();
      let token = 0;
      let next = 0;
      const waiting = new Map<string, { priority: number; group: number; seq: number }>();
      const leased = new Map<string, { token: string; group: number }>();
      const taken = new Set<string>();
      for (const o of ops) {
        if (o.kind === 'add') {
          const id = `m${next}`;
          const groupId = groupOf(o.group);
          state.add({ id, priority: o.priority, delayMs: 0, data: id, ...(groupId === undefined ? {} : { groupId }) }, 0);
          waiting.set(id, { priority: o.priority, group: o.group, seq: next++ });
        } else if (o.kind === 'take') {
          const batch = state.take(o.max, 0, 1000, () => `t${++token}`, o.limit);
          const heldBefore = new Map<number, number>();
          for (const l of leased.values()) if (l.group !== 0) heldBefore.set(l.group, (heldBefore.get(l.group) ?? 0) + 1);
          let lastPriority = 11;
          for (const r of batch) {
            const w = waiting.get(r.id);
            expect(w).toBeDefined();
            if (w === undefined) return;
            expect(taken.has(r.id)).toBe(false);
            taken.add(r.id);
            expect(r.priority).toBeLessThanOrEqual(lastPriority);
            lastPriority = r.priority;
            // FIFO inside a group (and among the ungrouped) at one priority.
            for (const [otherId, other] of waiting) {
              if (otherId !== r.id && other.group === w.group && other.priority === w.priority) expect(other.seq).toBeGreaterThan(w.seq);
            }
            waiting.delete(r.id);
            leased.set(r.id, { token: r.leaseToken, group: w.group });
            if (w.group !== 0) {
              heldBefore.set(w.group, (heldBefore.get(w.group) ?? 0) + 1);
              // A group gets a record only while below the limit.
              expect(heldBefore.get(w.group), `group ${w.group}`).toBeLessThanOrEqual(o.limit);
            }
          }
          // Short batch: whatever still waits belongs to groups at their limit.
          if (batch.length < o.max) {
            for (const w of waiting.values()) {
              expect(w.group).not.toBe(0);
              expect(heldBefore.get(w.group) ?? 0).toBeGreaterThanOrEqual(o.limit);
            }
          }
        } else if (leased.size > 0) {
          const ids = [...leased.keys()];
          const id = ids[o.pick % ids.length] as string;
          const slot = state.holder(id, (leased.get(id) as { token: string }).token, 0);
          expect(slot).toBeGreaterThanOrEqual(0);
          state.remove(slot);
          leased.delete(id);
        }
      }
      expect(state.rawCounts()).toEqual({ waiting: waiting.size, leased: leased.size, dead: 0 });
      if (waiting.size === 0 && leased.size === 0) expect(state.groups.tracked()).toEqual([]);
    }),
    { numRuns: 300 },
  );
});

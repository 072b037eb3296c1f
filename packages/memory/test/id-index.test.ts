import { describe, expect, test } from 'vitest';
import { IdIndex } from '../src/id-index.js';

/** A tiny model: ids in slots, the index checked against a Map after every step. */
function model(): { index: IdIndex; slots: { id: (slot: number) => string | undefined }; add: (id: string) => void; remove: (id: string) => void; check: () => void } {
  const index = new IdIndex();
  const ids: (string | undefined)[] = [];
  const slots = { id: (slot: number) => ids[slot] };
  const truth = new Map<string, number>();
  return {
    index,
    slots,
    add(id) {
      const slot = ids.length;
      ids.push(id);
      index.add(IdIndex.hash(id), slot);
      truth.set(id, slot);
    },
    remove(id) {
      const slot = truth.get(id) as number;
      index.delete(IdIndex.hash(id), slot);
      ids[slot] = undefined;
      truth.delete(id);
    },
    check() {
      expect(index.size).toBe(truth.size);
      for (const [id, slot] of truth) expect(index.get(id, IdIndex.hash(id), slots)).toBe(slot);
    },
  };
}

describe('IdIndex', () => {
  test('finds every id through growth, and nothing after removal', () => {
    const m = model();
    for (let i = 0; i < 5000; i++) m.add(`id-${i}`);
    m.check();
    for (let i = 0; i < 5000; i += 3) m.remove(`id-${i}`);
    m.check();
    expect(m.index.get('id-0', IdIndex.hash('id-0'), m.slots)).toBe(-1);
    expect(m.index.get('never', IdIndex.hash('never'), m.slots)).toBe(-1);
  });

  test('keeps probe runs intact when entries of one bucket are removed (backward shift)', () => {
    // Few buckets and many ids: long probe runs that wrap around the end of the table.
    const m = model();
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const live: string[] = [];
    for (let step = 0; step < 4000; step++) {
      if (live.length > 0 && random() % 3 === 0) {
        const [id] = live.splice(random() % live.length, 1);
        m.remove(id as string);
      } else {
        const id = `k${step}`;
        live.push(id);
        m.add(id);
      }
      if (step % 97 === 0) m.check();
    }
    m.check();
  });
});

/** A small deterministic generator (LCG), so every contender gets the same "random" priorities. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/** Random priorities 1–10 from a fixed seed. */
export function priorityStream(seed = 42): () => number {
  const next = seededRandom(seed);
  return () => 1 + Math.floor(next() * 10);
}

import { onTestFailed } from 'vitest';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/**
 * The seed of this test: FAULTS_SEED when set (to repeat a run), else a fresh one. Call it inside
 * a test; when the test fails, the seed is printed with the command that repeats it.
 */
export function useTestSeed(caseName: string): SeededRandom {
  const fromEnv = process.env.FAULTS_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  onTestFailed(() => {
    console.error(`[faults] ${caseName} failed with seed ${seed}: repeat with FAULTS_SEED=${seed} pnpm test:faults -t "${caseName}"`);
  });
  return createSeededRandom(seed);
}

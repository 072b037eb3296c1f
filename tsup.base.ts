import { defineConfig, type Options } from 'tsup';

/** The build of every public package: ESM + CJS with types for both, from src/. */
export function packageBuild(entry: string[] = ['src/index.ts'], extra: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({ entry, format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: true, target: 'node20', ...extra });
}

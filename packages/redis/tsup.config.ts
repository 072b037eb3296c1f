import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The Lua scripts ship inlined as strings; tests load them through a small vitest plugin.
  loader: { '.lua': 'text' },
});

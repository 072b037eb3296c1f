import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPackageSources, MAX_LINES, readPackageSources } from './source-rules.js';

const PACKAGES_DIR = fileURLToPath(new URL('../../../', import.meta.url));

const packages = readdirSync(PACKAGES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${PACKAGES_DIR}${entry.name}/src`))
  .map((entry) => entry.name)
  .sort();

describe('architecture of packages/*/src', () => {
  it('finds the packages', () => {
    expect(packages).toEqual(expect.arrayContaining(['core', 'express', 'memory', 'redis', 'socketio']));
  });

  for (const name of packages) {
    describe(`@mq/${name}`, () => {
      const { files, entryPoints } = readPackageSources(`${PACKAGES_DIR}${name}`);
      const report = checkPackageSources(files, { entryPoints });

      it('has no import cycle (type-only imports count)', () => {
        expect(report.cycles, `import cycles in packages/${name}`).toEqual([]);
      });

      it(`has no source file over ${MAX_LINES} lines`, () => {
        expect(report.oversized, `files over ${MAX_LINES} lines in packages/${name}`).toEqual([]);
      });

      it('re-exports by name in its index files and entry points (no export *)', () => {
        expect(report.exportStars, `export * in packages/${name}`).toEqual([]);
      });
    });
  }
});

import { describe, expect, it } from 'vitest';
import { checkPackageSources, findImportCycles, importGraph, importSpecifiers, lineCount } from './source-rules.js';

const files = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describe('the source scanner of the architecture test', () => {
  it('reads every kind of import and export specifier, type-only ones included, and nothing in comments or strings', () => {
    const text = [
      "import { a, type B } from './a.js';",
      "import type { C } from './c.js';",
      'import {',
      '  d,',
      '  e,',
      "} from './d.js';",
      "import * as f from 'node:fs';",
      "import './side-effect.js';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "export * from './star.js';",
      "export type Lazy = import('./lazy.js').Lazy;",
      "const loaded = await import('./dynamic.js');",
      "/** import { nope } from './in-a-comment.js'; import('./also-not.js') */",
      "// export * from './commented.js';",
      "export const text = 'import x from \"./in-a-string.js\"';",
      "export const from = 'x';",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(
      ['./a.js', './c.js', './d.js', 'node:fs', './side-effect.js', './g.js', './h.js', './star.js', './lazy.js', './dynamic.js'].sort(),
    );
  });

  it('resolves relative specifiers to the package files (.js → .ts, folders → index.ts) and leaves packages and assets out', () => {
    const graph = importGraph(
      files({
        'src/index.ts': "export { a } from './a.js';\nexport { b } from './sub/index.js';\nexport { c } from './sub';",
        'src/a.ts': "import { z } from '@mq/core';\nimport lua from './take.lua?raw';\nimport { b } from './sub/b.js';",
        'src/sub/index.ts': "export { b } from './b.js';",
        'src/sub/b.ts': "import type { A } from '../a.js';",
      }),
    );
    expect(graph.get('src/index.ts')).toEqual(['src/a.ts', 'src/sub/index.ts']);
    expect(graph.get('src/a.ts')).toEqual(['src/sub/b.ts']);
    expect(graph.get('src/sub/b.ts')).toEqual(['src/a.ts']);
  });

  it('finds each import cycle once, type-only imports included, and names its files in order', () => {
    const graph = importGraph(
      files({
        'src/index.ts': "export { a } from './a.js';",
        'src/a.ts': "import type { B } from './b.js';",
        'src/b.ts': "import { c } from './c.js';",
        'src/c.ts': "import type { A } from './a.js';",
        'src/self.ts': "import type { Self } from './self.js';",
        'src/acyclic.ts': "import { a } from './a.js';",
      }),
    );
    expect(findImportCycles(graph)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'], ['src/self.ts', 'src/self.ts']]);
  });

  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('one')).toBe(1);
    expect(lineCount('one\n')).toBe(1);
    expect(lineCount('one\ntwo\n')).toBe(2);
    expect(lineCount('one\r\ntwo')).toBe(2);
  });

  it('reports cycles, files over the limit (but not the generated Lua sources) and export * in index files and entry points', () => {
    const long = 'const x = 1;\n'.repeat(251);
    const atLimit = 'const x = 1;\n'.repeat(249);
    const report = checkPackageSources(
      files({
        'src/index.ts': "export * from './a.js';\nexport { b } from './b.js';",
        'src/testing.ts': "export * as helpers from './b.js';",
        'src/other.ts': "export * from './b.js';",
        'src/a.ts': "import { b } from './b.js';\n" + atLimit,
        'src/b.ts': "import type { A } from './a.js';\n" + long,
        'src/sub/index.ts': "export * from '../b.js';",
        'src/lua/lua-sources.ts': long,
      }),
      { entryPoints: ['src/index.ts', 'src/testing.ts'] },
    );
    expect(report).toEqual({
      cycles: ['src/a.ts → src/b.ts → src/a.ts'],
      oversized: ['src/b.ts (252 lines)'],
      exportStars: ['src/index.ts', 'src/sub/index.ts', 'src/testing.ts'],
    });
  });

  it('reports nothing for a clean package', () => {
    const report = checkPackageSources(files({ 'src/index.ts': "export { a } from './a.js';", 'src/a.ts': 'export const a = 1;\n' }), { entryPoints: ['src/index.ts'] });
    expect(report).toEqual({ cycles: [], oversized: [], exportStars: [] });
  });
});

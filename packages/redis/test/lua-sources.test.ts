import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without types
import { renderLuaSources } from '../scripts/generate-lua-sources.mjs';

describe('src/lua/lua-sources.ts', () => {
  it('is generated from the current src/lua/*.lua (run pnpm --filter @mq/redis generate:lua after editing one)', () => {
    const luaDir = new URL('../src/lua/', import.meta.url);
    const expected = (renderLuaSources as (dir: URL) => string)(luaDir);
    expect(readFileSync(new URL('lua-sources.ts', luaDir), 'utf8')).toBe(expected);
  });
});

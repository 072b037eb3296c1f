import { describe, expect, it } from 'vitest';
import { withPrelude } from '../src/lua-prelude.js';
import { LUA_SCRIPTS } from '../src/lua-scripts.js';

const PRELUDE = `--[[
  header: always kept
]]

local A, B = 1, 2

-- uses A
local function one() return A end

local function two() return one() + 1 end

local function three() return B end`;

/** The names a source defines before `body` (the prelude part). */
const definitions = (source: string, body = /\n\n(?:--\[\[\n {2}[a-z-]+: |return )/) =>
  [...source.slice(0, source.search(body) < 0 ? source.length : source.search(body)).matchAll(/^local function (\w+)|^local ([\w, ]+?) =/gm)].map((m) => m[1] ?? m[2]);

describe('withPrelude (only the prelude definitions a script uses)', () => {
  it('keeps the header, the definitions used directly and through others, in prelude order', () => {
    const source = withPrelude(PRELUDE, 'return two()');
    expect(source.startsWith('--[[\n  header: always kept\n]]')).toBe(true);
    expect(definitions(source)).toEqual(['A, B', 'one', 'two']);
    expect(source).not.toContain('three');
    expect(source.endsWith('\n\nreturn two()')).toBe(true);
  });

  it('does not count a name that only a comment mentions', () => {
    expect(definitions(withPrelude(PRELUDE, '--[[ uses three() ]]\n-- and one()\nreturn 1'))).toEqual([]);
  });

  it('gives each script of @mq/redis only what it calls: a read-only count carries no lease check', () => {
    expect(definitions(LUA_SCRIPTS.count.source)).toEqual(['resolveNow', 'unpackRecord']);
    expect(definitions(LUA_SCRIPTS.purge.source)).toEqual(['resolveNow', 'groupsOf', 'unlinkGroupLists', 'purgeGroups', 'windowSha1, windowSub, windowPack, windowFind', 'WINDOW_SLOT_NAMES', 'windowMemo', 'windowEntry', 'rememberIds']);
    expect(definitions(LUA_SCRIPTS.ack.source)).toContain('heldRecords');
    expect(definitions(LUA_SCRIPTS.take.source)).not.toContain('heldRecords');
  });
});

/**
 * The part of src/lua/prelude.lua that one script needs: the prelude's header comment, then each
 * of its definitions that the script uses (directly, or through another definition it uses), in
 * prelude order. Every `local function` in front of a script is a closure made anew on each call:
 * with the whole prelude in front of every script, a call that moves one record cost 0.4–0.9 µs
 * (3–8%) more than before the record layout moved into the prelude (SLOWLOG, Redis 7.0); with its
 * own definitions only, no script carries one it never calls.
 *
 * The prelude is its header comment (`--[[ … ]]`), then blocks separated by blank lines; each block
 * defines top-level locals (`local function name` or `local NAME, … =`), with its comments, and
 * has no blank line inside.
 */
export function withPrelude(prelude: string, body: string): string {
  const header = /^--\[\[[\s\S]*?\]\]/.exec(prelude)?.[0] ?? '';
  const blocks = prelude.slice(header.length).split(/\n\s*\n/).map((block) => block.trim()).filter((block) => block !== '');
  const parts = blocks.map((text) => ({ text, names: definedNames(text), used: false }));
  const shapeless = parts.find((part) => part.names.length === 0);
  // A blank line inside a definition's comment would split it: refuse at load rather than drop a definition.
  if (shapeless !== undefined) throw new Error(`prelude.lua: a block defines nothing (no blank lines within one): ${shapeless.text.slice(0, 60)}`);
  let pending = code(body);
  // Until nothing is added: a definition may use another one.
  for (;;) {
    let grew = false;
    for (const part of parts) {
      if (!part.used && part.names.some((name) => new RegExp(`\\b${name}\\b`).test(pending))) {
        part.used = true;
        grew = true;
        pending += `\n${code(part.text)}`;
      }
    }
    if (!grew) break;
  }
  return [header, ...parts.filter((p) => p.used).map((p) => p.text), body].join('\n\n');
}

function definedNames(block: string): string[] {
  const names: string[] = [];
  for (const match of block.matchAll(/^local function (\w+)|^local ([\w, ]+?) =/gm)) {
    if (match[1] !== undefined) names.push(match[1]);
    else names.push(...(match[2] as string).split(',').map((name) => name.trim()));
  }
  return names;
}

/** Lua text without its block comments and whole-line comments (a name in a comment is no use). */
function code(lua: string): string {
  return lua.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/^\s*--.*$/gm, '');
}

// Node module hooks for forked workers: a .lua file imports as its text (what the build's text
// loader and the vitest plugin do), so @mq/redis runs from its TypeScript sources.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.endsWith('.lua')) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(source)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}

// Node module hooks that load src/lua/*.lua as `export default "<text>"`, like the build's text
// loader and the vitest plugin do. For processes the tests fork (they run from source with tsx).
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.lua')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(source)};`, shortCircuit: true };
}

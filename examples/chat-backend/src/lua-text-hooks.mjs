// Node module hooks: `import x from './x.lua'` yields the file's text. Needed only when @mq/redis
// runs from its TypeScript source (this monorepo, --conditions=@mq/source); its build inlines them.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.lua')) return nextLoad(url, context);
  const text = await readFile(new URL(url), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { listRegisteredProviders, PROVIDER_NAME_PATTERN } from './provider-registry.js';
import { importProviderPackage } from './import-provider-package.js';

/**
 * What MESSAGE_QUEUE_PROVIDER may name here: the registered providers and every `@mq/<name>`
 * package that resolves from the application's folder and exports `mqProvider`. The core knows no
 * provider by name, so it looks: it lists the @mq scope folders Node would search from
 * process.cwd() and imports each package there. Only for the error that says what is available
 * (a start-up that is about to fail), never on a working path.
 */
export async function listAvailableProviders(): Promise<string[]> {
  const names = new Set(listRegisteredProviders());
  for (const candidate of installedScopeNames()) {
    if (names.has(candidate)) continue;
    const found = await importProviderPackage(candidate).catch(() => undefined);
    if ((found?.factory as { name?: unknown } | null | undefined)?.name === candidate) names.add(candidate);
  }
  return [...names].sort();
}

function installedScopeNames(): string[] {
  const paths = createRequire(join(process.cwd(), 'package.json')).resolve.paths('@mq/any') ?? [];
  const names = new Set<string>();
  for (const folder of paths) {
    let entries: string[];
    try {
      entries = readdirSync(join(folder, '@mq'));
    } catch {
      continue;
    }
    for (const entry of entries) if (PROVIDER_NAME_PATTERN.test(entry)) names.add(entry);
  }
  return [...names];
}

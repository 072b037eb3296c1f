import { importIfInstalled } from '../config/load-provider-module.js';

/** What `@mq/<name>` offers: its `mqProvider` export (unchecked). Undefined when the package is not installed. */
export async function importProviderPackage(name: string): Promise<{ readonly packageName: string; readonly factory: unknown } | undefined> {
  const packageName = `@mq/${name}`;
  const mod = await importIfInstalled<{ mqProvider?: unknown }>(packageName);
  return mod === undefined ? undefined : { packageName, factory: mod.mqProvider };
}

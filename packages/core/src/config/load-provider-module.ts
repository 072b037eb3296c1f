import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MqError } from '../errors/mq-error.js';

/**
 * Imports an optional provider package (`@mq/<name>`) by name: first as this package sees it,
 * then from the application's folder (process.cwd()), so it is found wherever the package
 * manager put it. Fails with MQ_PROVIDER_NOT_INSTALLED and the command that fixes it.
 */
export async function loadProviderModule<T>(specifier: string, providerName: string, installHint: string): Promise<T> {
  const mod = await importIfInstalled<T>(specifier);
  if (mod !== undefined) return mod;
  throw new MqError(
    'MQ_PROVIDER_NOT_INSTALLED',
    `MESSAGE_QUEUE_PROVIDER=${providerName} needs the ${specifier} package, which is not installed. Run: ${installHint}`,
    { details: { provider: providerName, package: specifier } },
  );
}

/** The package's module, or undefined when it is not installed (any other import failure is thrown as it is). */
export async function importIfInstalled<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
  }
  try {
    const resolved = createRequire(join(process.cwd(), 'package.json')).resolve(specifier);
    return (await import(pathToFileURL(resolved).href)) as T;
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
    return undefined;
  }
}

function isNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(specifier);
}

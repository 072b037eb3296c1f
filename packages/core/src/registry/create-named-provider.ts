import { MqError } from '../errors/mq-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import { listAvailableProviders } from './available-providers.js';
import { importProviderPackage } from './import-provider-package.js';
import type { ProviderFactory, ProviderFactoryInput } from './provider-factory.js';
import { checkFactory, findRegisteredProvider, registerProvider } from './provider-registry.js';

/** The one provider name the core knows: the default, so createMessageQueue() works with nothing set. */
export const DEFAULT_PROVIDER_NAME = 'memory';

/** Where a provider name came from, for messages and error details. */
export type ProviderNameSource = 'provider' | 'MESSAGE_QUEUE_PROVIDER';

/**
 * Makes the provider named `name` (already validated): its registered factory, or else the
 * `mqProvider` export of the package `@mq/<name>`, which is then registered. Called at connect().
 */
export async function createNamedProvider(name: string, source: ProviderNameSource, input: ProviderFactoryInput): Promise<QueueProvider> {
  const factory = findRegisteredProvider(name) ?? (await loadFactory(name, source));
  return factory.create(input);
}

async function loadFactory(name: string, source: ProviderNameSource): Promise<ProviderFactory> {
  const found = await importProviderPackage(name);
  if (found === undefined) throw notInstalled(name, source, await listAvailableProviders());
  const { packageName, factory } = found;
  if (factory === undefined) {
    throw new ValidationError(
      'MQ_INVALID_CONFIG',
      `${label(name, source)}: ${packageName} is installed but exports no mqProvider, so it is not a provider package (or it was made for another version of @mq/core).`,
      { field: source, provider: name, package: packageName },
    );
  }
  checkFactory(factory, `The mqProvider export of ${packageName}`);
  if (factory.name !== name) {
    throw new ValidationError('MQ_INVALID_CONFIG', `${label(name, source)}: the mqProvider export of ${packageName} is named "${factory.name}", not "${name}".`, {
      field: source,
      provider: name,
      package: packageName,
    });
  }
  // Another queue may have loaded and registered it meanwhile (the same module, so the same factory).
  const registered = findRegisteredProvider(name);
  if (registered !== undefined) return registered;
  registerProvider(factory);
  return factory;
}

function notInstalled(name: string, source: ProviderNameSource, available: readonly string[]): MqError {
  const packageName = `@mq/${name}`;
  const choices = available.map((n) => (n === DEFAULT_PROVIDER_NAME ? `"${n}" (default)` : `"${n}"`));
  const list = choices.length <= 1 ? (choices[0] ?? '') : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1] as string}`;
  const choose = choices.length === 0 ? 'No provider is available here.' : `Available here: ${list}.`;
  return new MqError(
    'MQ_PROVIDER_NOT_INSTALLED',
    `${label(name, source)}: no provider is registered as "${name}" and the ${packageName} package is not installed. ${choose} Install it (npm install ${packageName}) if it is a provider package, or register your own with registerProvider().`,
    { details: { field: source, provider: name, package: packageName, available: [...available] } },
  );
}

function label(name: string, source: ProviderNameSource): string {
  return source === 'MESSAGE_QUEUE_PROVIDER' ? `MESSAGE_QUEUE_PROVIDER=${name}` : `options.provider "${name}"`;
}

import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import type { ProviderFactory } from './provider-factory.js';

/** A provider's name: what MESSAGE_QUEUE_PROVIDER says, and the `<name>` of its package `@mq/<name>`. */
export const PROVIDER_NAME_PATTERN = /^[a-z0-9-]{1,64}$/;

/**
 * The factories by name, on globalThis under a registered symbol: an app whose dependencies
 * install two copies of @mq/core (say, one for the app and one for a provider package) still has
 * one registry, as isMqError() works across copies.
 */
const REGISTRY = Symbol.for('@mq/core.providers');

function registry(): Map<string, ProviderFactory> {
  const holder = globalThis as { [REGISTRY]?: Map<string, ProviderFactory> };
  return (holder[REGISTRY] ??= new Map());
}

/**
 * Makes a provider choosable by name (createMessageQueue({ provider: name }) or
 * MESSAGE_QUEUE_PROVIDER=name). Registering the same factory again changes nothing; another
 * factory under a name already taken fails with MQ_INVALID_CONFIG.
 */
export function registerProvider(factory: ProviderFactory): void {
  checkFactory(factory);
  const taken = registry().get(factory.name);
  if (taken === factory) return;
  if (taken !== undefined) {
    throw new ValidationError('MQ_INVALID_CONFIG', `A different provider is already registered as "${factory.name}"${taken.packageName === undefined ? '' : ` (from ${taken.packageName})`}: choose another name.`, {
      field: 'name',
      provider: factory.name,
    });
  }
  registry().set(factory.name, factory);
}

/** The names of the registered providers, sorted. A provider package is registered once a queue has loaded it by name. */
export function listRegisteredProviders(): string[] {
  return [...registry().keys()].sort();
}

/** The factory registered under `name`, if any. */
export function findRegisteredProvider(name: string): ProviderFactory | undefined {
  return registry().get(name);
}

/** Throws MQ_INVALID_CONFIG, naming the field, unless `factory` has the shape of a ProviderFactory. */
export function checkFactory(factory: unknown, where = 'registerProvider()'): asserts factory is ProviderFactory {
  const fail = (field: string, what: string): never => {
    throw new ValidationError('MQ_INVALID_CONFIG', `${where} needs a provider factory: ${what}.`, { field });
  };
  if (typeof factory !== 'object' || factory === null) fail('factory', `got ${describeValue(factory)}, not an object { name, env, create }`);
  const f = factory as Record<string, unknown>;
  if (typeof f.name !== 'string' || !PROVIDER_NAME_PATTERN.test(f.name)) fail('name', `name ${describeValue(f.name)} is not 1–64 characters from a-z 0-9 -`);
  if (typeof f.create !== 'function') fail('create', 'create({ env, clock, options }) must be a function returning a QueueProvider');
  const env = f.env;
  if (!Array.isArray(env) || !env.every((v: unknown) => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).name === 'string' && typeof (v as Record<string, unknown>).description === 'string')) {
    fail('env', 'env must list the environment variables it reads, as { name, description, default? } ([] for none)');
  }
  for (const field of ['packageName', 'installHint'] as const) {
    if (f[field] !== undefined && typeof f[field] !== 'string') fail(field, `${field} must be a string when given`);
  }
}

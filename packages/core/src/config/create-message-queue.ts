import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import { compressionFromEnv, encryptionFromEnv } from './pipeline-env.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import { MessageQueue, type PayloadMap } from '../queue/message-queue.js';
import type { MessageQueueOptions } from '../queue/message-queue-options.js';
import { createNamedProvider, DEFAULT_PROVIDER_NAME, type ProviderNameSource } from '../registry/create-named-provider.js';
import type { ProviderFactoryInput } from '../registry/provider-factory.js';
import { PROVIDER_NAME_PATTERN } from '../registry/provider-registry.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CreateMessageQueueOptions extends Omit<MessageQueueOptions, 'provider'> {
  /**
   * A provider instance, or the name of one (case-insensitive): registered with registerProvider(),
   * or the package `@mq/<name>`. Default MESSAGE_QUEUE_PROVIDER from `env`, else "memory".
   */
  provider?: string | QueueProvider;
  /** Options for the provider chosen by name, handed to its factory as they are (e.g. `{ url }` for redis). */
  providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * @deprecated Use `providerOptions: { url }`. Forwarded to the provider chosen by name as
   * providerOptions.url (the core does not read it); ignored with a provider instance.
   */
  redisUrl?: string;
  /** Where MESSAGE_QUEUE_PROVIDER and the provider's own variables (e.g. REDIS_URL) are read; default process.env. */
  env?: Env;
}

/**
 * Creates a queue on the provider the options or the environment name (MESSAGE_QUEUE_PROVIDER;
 * default "memory"). A name is checked at once; the provider is found through the registry,
 * loading `@mq/<name>` if need be, at connect(). Without the encryption / compression options it
 * reads MQ_ENCRYPTION_KEYS / MQ_COMPRESSION from `env` (docs/encryption.md).
 */
export function createMessageQueue<M extends PayloadMap = PayloadMap>(options: CreateMessageQueueOptions = {}): MessageQueue<M> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'createMessageQueue() takes an options object or nothing.', { field: 'options' });
  }
  const { provider, providerOptions, redisUrl, env = process.env, ...given } = options;
  const queueOptions = withEnvStages(given, env);
  if (typeof provider === 'object' && provider !== null) {
    if (providerOptions !== undefined) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'providerOptions go to a provider chosen by name; configure a provider instance when you create it.', {
        field: 'providerOptions',
      });
    }
    return new MessageQueue<M>({ ...queueOptions, provider });
  }
  const { name, source } = resolveProviderName(provider, env);
  const input: ProviderFactoryInput = { env, ...(queueOptions.clock === undefined ? {} : { clock: queueOptions.clock }), options: factoryOptions(providerOptions, redisUrl) };
  return new MessageQueue<M>({ ...queueOptions, provider: { name, load: () => createNamedProvider(name, source, input) } });
}

/** encryption / compression from MQ_ENCRYPTION_KEYS / MQ_COMPRESSION where the option is left out. */
function withEnvStages<T extends Omit<CreateMessageQueueOptions, 'provider' | 'providerOptions' | 'redisUrl' | 'env'>>(options: T, env: Env): T {
  const encryption = options.encryption ?? encryptionFromEnv(env);
  const compression = options.compression ?? compressionFromEnv(env);
  if (options.pipeline !== undefined && options.encryption === undefined && options.compression === undefined && (encryption !== undefined || compression !== undefined)) {
    const name = encryption !== undefined ? 'MQ_ENCRYPTION_KEYS' : 'MQ_COMPRESSION';
    throw new ValidationError('MQ_INVALID_CONFIG', `${name} is set but options.pipeline is given: put the stage in the pipeline's stages, or unset ${name}.`, { field: name });
  }
  return { ...options, ...(encryption === undefined ? {} : { encryption }), ...(compression === undefined ? {} : { compression }) };
}

function resolveProviderName(provider: unknown, env: Env): { name: string; source: ProviderNameSource } {
  const source: ProviderNameSource = provider !== undefined ? 'provider' : 'MESSAGE_QUEUE_PROVIDER';
  const raw = source === 'provider' ? provider : env.MESSAGE_QUEUE_PROVIDER;
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { name: DEFAULT_PROVIDER_NAME, source };
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  if (name !== undefined && PROVIDER_NAME_PATTERN.test(name)) return { name, source };
  const field = source === 'provider' ? 'options.provider' : 'MESSAGE_QUEUE_PROVIDER';
  throw new ValidationError(
    'MQ_INVALID_CONFIG',
    `Invalid ${field} ${describeValue(raw)}: use a provider name of 1–64 characters from a-z 0-9 - ("${DEFAULT_PROVIDER_NAME}" is the default), or pass a provider instance.`,
    { field, allowed: PROVIDER_NAME_PATTERN.source },
  );
}

function factoryOptions(providerOptions: unknown, redisUrl: unknown): Readonly<Record<string, unknown>> {
  if (providerOptions !== undefined && (typeof providerOptions !== 'object' || providerOptions === null || Array.isArray(providerOptions))) {
    throw new ValidationError('MQ_INVALID_CONFIG', `Invalid providerOptions ${describeValue(providerOptions)}: use an object (the chosen provider's options).`, {
      field: 'providerOptions',
    });
  }
  const options = (providerOptions ?? {}) as Record<string, unknown>;
  if (redisUrl === undefined) return { ...options };
  if (options.url !== undefined) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Both redisUrl (deprecated) and providerOptions.url are set: use providerOptions.url alone.', { field: 'redisUrl' });
  }
  return { ...options, url: redisUrl };
}

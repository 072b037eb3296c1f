import type { Clock } from '../clock/clock.js';
import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import type { QueueProvider } from '../provider/queue-provider.js';
import { MessageQueue, type PayloadMap } from '../queue/message-queue.js';
import type { MessageQueueOptions } from '../queue/message-queue-options.js';
import { loadProviderModule } from './load-provider-module.js';

export const PROVIDER_NAMES = ['memory', 'redis'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface CreateMessageQueueOptions extends Omit<MessageQueueOptions, 'provider'> {
  /** A provider instance, or a name; default MESSAGE_QUEUE_PROVIDER from `env`, else "memory". */
  provider?: ProviderName | QueueProvider;
  /** Redis URL for provider "redis"; default REDIS_URL from `env`, else redis://localhost:6379. */
  redisUrl?: string;
  /** Where MESSAGE_QUEUE_PROVIDER and REDIS_URL are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

interface MemoryModule {
  createInMemoryProvider(options: { clock?: Clock }): QueueProvider;
}
interface RedisModule {
  createRedisProvider(options: { url: string; clock?: Clock }): QueueProvider;
}

/**
 * Creates a queue on the provider the environment names: MESSAGE_QUEUE_PROVIDER=memory (default)
 * or redis (with REDIS_URL). Provider packages are loaded at connect().
 */
export function createMessageQueue<M extends PayloadMap = PayloadMap>(options: CreateMessageQueueOptions = {}): MessageQueue<M> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'createMessageQueue() takes an options object or nothing.', { field: 'options' });
  }
  const { provider, redisUrl, env = process.env, ...queueOptions } = options;
  if (typeof provider === 'object' && provider !== null) return new MessageQueue<M>({ ...queueOptions, provider });
  const name = resolveProviderName(provider, env);
  const clock = queueOptions.clock;
  if (name === 'memory') {
    return new MessageQueue<M>({
      ...queueOptions,
      provider: {
        name,
        load: async () => {
          const mod = await loadProviderModule<MemoryModule>('@mq/memory', name, 'npm install @mq/memory');
          return mod.createInMemoryProvider(clock === undefined ? {} : { clock });
        },
      },
    });
  }
  const url = redisUrl ?? (env.REDIS_URL?.trim() || 'redis://localhost:6379');
  return new MessageQueue<M>({
    ...queueOptions,
    provider: {
      name,
      load: async () => {
        const mod = await loadProviderModule<RedisModule>('@mq/redis', name, 'npm install @mq/redis ioredis');
        return mod.createRedisProvider(clock === undefined ? { url } : { url, clock });
      },
    },
  });
}

function resolveProviderName(provider: unknown, env: Readonly<Record<string, string | undefined>>): ProviderName {
  const fromOption = provider !== undefined;
  const raw = fromOption ? provider : env.MESSAGE_QUEUE_PROVIDER;
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return 'memory';
  const normalized = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (PROVIDER_NAMES.includes(normalized as ProviderName)) return normalized as ProviderName;
  const source = fromOption ? 'options.provider' : 'MESSAGE_QUEUE_PROVIDER';
  throw new ValidationError('MQ_INVALID_CONFIG', `Unknown ${source} ${describeValue(raw)}: set it to "memory" (default) or "redis".`, {
    field: source,
    allowed: PROVIDER_NAMES,
  });
}

import type { Clock } from '../clock/clock.js';
import type { QueueProvider } from '../provider/queue-provider.js';

/** An environment variable a provider reads, for docs and for the error that lists providers. */
export interface ProviderEnvVar {
  readonly name: string;
  readonly description: string;
  /** What an unset variable means, e.g. 'redis://localhost:6379'. */
  readonly default?: string;
}

/** What createMessageQueue() passes a factory. */
export interface ProviderFactoryInput {
  /** Where the provider reads its settings (process.env unless the caller passed another). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The queue's clock, when one was injected (tests): the provider judges time by it. */
  readonly clock?: Clock;
  /** createMessageQueue({ providerOptions }): provider-specific options, validated by the factory. */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * How a provider is found by name (MESSAGE_QUEUE_PROVIDER=<name>). A provider package exports
 * one as `mqProvider`; an app registers its own with registerProvider(). The core names no
 * provider: it loads `@mq/<name>` when the name is not registered yet.
 */
export interface ProviderFactory {
  /** 1–64 characters from a-z 0-9 and -, e.g. 'memory', 'redis', 'sqs'. */
  readonly name: string;
  /** The npm package that provides it, e.g. '@mq/redis'. */
  readonly packageName?: string;
  /** The command that installs it, e.g. 'npm install @mq/redis ioredis'. */
  readonly installHint?: string;
  /** The environment variables it reads. */
  readonly env: readonly ProviderEnvVar[];
  /** Makes a provider (not yet connected). Throws MQ_INVALID_CONFIG for bad settings. */
  create(input: ProviderFactoryInput): QueueProvider;
}

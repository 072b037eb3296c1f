import { ValidationError, type ProviderFactory } from '@mq/core/provider';
import { createSqsProvider } from './create-sqs-provider.js';
import { SQS_PROVIDER_OPTION_NAMES, sqsSettingsFromEnv, type SqsProviderOptions } from './sqs-provider-options.js';

const FACTORY_OPTION_NAMES: readonly string[] = SQS_PROVIDER_OPTION_NAMES.filter((name) => name !== 'clock');
/** Options other providers take, let through (one providerOptions object may serve whichever provider the environment names). */
const OTHER_PROVIDERS_OPTIONS = ['url'];

/**
 * The registry entry of @mq/sqs: createMessageQueue() finds it by MESSAGE_QUEUE_PROVIDER=sqs.
 * Region, endpoint and prefix come from providerOptions, else AWS_REGION, SQS_ENDPOINT and
 * MQ_SQS_PREFIX; credentials from the SDK's default chain.
 */
export const mqProvider: ProviderFactory = {
  name: 'sqs',
  packageName: '@mq/sqs',
  installHint: 'npm install @mq/sqs',
  env: [
    { name: 'AWS_REGION', description: 'The AWS region of the queues (credentials come from the default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, a role).' },
    { name: 'SQS_ENDPOINT', description: "An SQS endpoint URL other than the region's: an emulator or a VPC endpoint." },
    { name: 'MQ_SQS_PREFIX', description: 'Put in front of every SQS queue name (0–40 characters of A-Z a-z 0-9 _ -).', default: 'mq-' },
    { name: 'MQ_SQS_FIFO', description: 'true: SQS FIFO queues (order within a priority level, no per-message delays); false: standard queues.', default: 'false' },
    { name: 'MQ_SQS_LONG_POLL_SECONDS', description: 'How long a take waits for a message, 1–20 s (shorter: messages of non-default priorities are seen sooner, more receive calls).', default: '20' },
  ],
  create({ env, clock, options }) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new ValidationError('MQ_INVALID_CONFIG', 'providerOptions for sqs must be an object, e.g. { region, prefix }.', { field: 'options' });
    }
    const given: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(options)) {
      if (OTHER_PROVIDERS_OPTIONS.includes(name)) continue;
      if (!FACTORY_OPTION_NAMES.includes(name)) {
        throw new ValidationError('MQ_INVALID_CONFIG', `Unknown providerOptions.${name} for sqs; allowed: ${FACTORY_OPTION_NAMES.join(', ')}.`, { field: name, allowed: FACTORY_OPTION_NAMES });
      }
      given[name] = value;
    }
    return createSqsProvider({ ...sqsSettingsFromEnv(env), ...(given as SqsProviderOptions), ...(clock === undefined ? {} : { clock }) });
  },
};

import { checkSqsProviderOptions, type SqsProviderOptions } from './sqs-provider-options.js';
import { SqsProvider } from './sqs-provider.js';

/** An SQS provider (not connected: the queue's connect() does that). Options are checked now (MQ_INVALID_CONFIG). */
export function createSqsProvider(options: SqsProviderOptions = {}): SqsProvider {
  checkSqsProviderOptions(options);
  return new SqsProvider(options);
}

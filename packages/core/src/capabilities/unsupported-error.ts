import { MqError } from '../errors/mq-error.js';

/**
 * The refusal of something the provider's capabilities do not declare: MQ_UNSUPPORTED, naming
 * the provider, the capability and what to do instead. Nothing was stored or changed.
 */
export function unsupportedError(providerName: string, capability: string, what: string, instead: string): MqError {
  return new MqError('MQ_UNSUPPORTED', `The ${providerName} provider cannot ${what} (capabilities.${capability}): ${instead}`, {
    details: { provider: providerName, capability },
  });
}

/**
 * @deprecated Since contract v2 the core resolves any provider name through the registry
 * (registerProvider(), listRegisteredProviders(), or an installed `@mq/<name>` package); nothing
 * reads this list any more. It stays exported, unchanged, for code written against v1: the
 * providers of this repository when it was the only way to choose one. Removed in the next major.
 */
export const PROVIDER_NAMES = ['memory', 'redis'] as const;

/** @deprecated A provider name is any registered name now (a string); see PROVIDER_NAMES. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

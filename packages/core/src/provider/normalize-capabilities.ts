import { V1_CAPABILITY_DEFAULTS, type DeclaredCapabilities, type ProviderCapabilities } from './provider-capabilities.js';

/** A provider's declared capabilities with every field filled in (missing ones take their v1 meaning). Read once, at connect(). */
export function normalizeCapabilities(declared: DeclaredCapabilities): ProviderCapabilities {
  return { ...V1_CAPABILITY_DEFAULTS, ...declared };
}

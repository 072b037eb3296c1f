import type { ProviderCapabilities } from '@mq/core/provider';

/**
 * What a contract case needs of the provider, as capability values (after the core's emulations,
 * see effectiveCapabilities): `{ ordering: 'strict' }`, `{ deadLetters: 'listable' }`,
 * `{ deduplication: false }` (a seam's refusal). maxDelayMs is a least value; the rest must equal.
 */
export type CapabilityNeeds = Partial<ProviderCapabilities>;

/** Why a case with these needs does not run here, e.g. "ordering is best-effort"; undefined when it runs. */
export function unmetNeed(capabilities: ProviderCapabilities, needs: CapabilityNeeds): string | undefined {
  for (const [key, wanted] of Object.entries(needs) as [keyof ProviderCapabilities, unknown][]) {
    const actual = capabilities[key];
    const met = key === 'maxDelayMs' ? (actual as number) >= (wanted as number) : actual === wanted;
    if (!met) return `${key} is ${String(actual)}`;
  }
  return undefined;
}

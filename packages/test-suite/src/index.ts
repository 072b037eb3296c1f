export { runProviderContractSuite } from './run-provider-contract-suite.js';
export { ContractHarness } from './contract-harness.js';
export type { ContractContext, ContractGroup, ContractSetup, ProviderContractOptions, RawCounts } from './contract-harness.js';
export type { CapabilityNeeds } from './capability-needs.js';

import { describe } from 'vitest';
import { ackNackCases } from './cases/ack-nack-cases.js';
import { concurrencyCases } from './cases/concurrency-cases.js';
import { deadLetterCases } from './cases/dead-letter-cases.js';
import { delayCases } from './cases/delay-cases.js';
import { deleteQueueCases } from './cases/delete-queue-cases.js';
import { isolationCases } from './cases/isolation-cases.js';
import { leaseCases } from './cases/lease-cases.js';
import { lifecycleCases } from './cases/lifecycle-cases.js';
import { orderingCases } from './cases/ordering-cases.js';
import { purgeCases } from './cases/purge-cases.js';
import { statsCases } from './cases/stats-cases.js';
import { subscribeCases } from './cases/subscribe-cases.js';
import { validationCases } from './cases/validation-cases.js';
import { ContractHarness, type ContractGroup, type ProviderContractOptions } from './contract-harness.js';

const GROUPS: Record<ContractGroup, (h: ContractHarness) => void> = {
  ordering: orderingCases,
  delay: delayCases,
  lease: leaseCases,
  ackNack: ackNackCases,
  deadLetters: deadLetterCases,
  purge: purgeCases,
  deleteQueue: deleteQueueCases,
  isolation: isolationCases,
  concurrency: concurrencyCases,
  subscribe: subscribeCases,
  stats: statsCases,
  lifecycle: lifecycleCases,
  validation: validationCases,
};

/**
 * Registers the whole provider conformance suite with vitest. A group may be skipped only with a
 * written reason, which shows up as the name of the skipped block.
 */
export function runProviderContractSuite(name: string, options: ProviderContractOptions): void {
  describe(`provider contract: ${name}`, () => {
    const harness = new ContractHarness(options);
    for (const [group, register] of Object.entries(GROUPS) as [ContractGroup, (h: ContractHarness) => void][]) {
      // A provider opts out of a group only by writing the reason (options.skip), which becomes the
      // skipped block's name in every report. No built-in provider skips anything.
      const reason = options.skip?.[group];
      const title = reason === undefined ? group : `${group} (skipped: ${reason})`;
      describe(title, { skip: reason !== undefined }, () => register(harness));
    }
  });
}

import { describe } from 'vitest';
import { ackNackCases } from './cases/ack-nack-cases.js';
import { adminCases } from './cases/admin-cases.js';
import { concurrencyCases } from './cases/concurrency-cases.js';
import { dataCases } from './cases/data-cases.js';
import { encryptionCases } from './cases/encryption-cases.js';
import { encryptionFailureCases } from './cases/encryption-failure-cases.js';
import { reencryptCases } from './cases/reencrypt-cases.js';
import { scanCases } from './cases/scan-cases.js';
import { deduplicationCases } from './cases/deduplication-cases.js';
import { deadLetterCases } from './cases/dead-letter-cases.js';
import { delayCases } from './cases/delay-cases.js';
import { deleteQueueCases } from './cases/delete-queue-cases.js';
import { groupCases } from './cases/group-cases.js';
import { idempotencyWindowCases } from './cases/idempotency-window-cases.js';
import { isolationCases } from './cases/isolation-cases.js';
import { leaseCases } from './cases/lease-cases.js';
import { lifecycleCases } from './cases/lifecycle-cases.js';
import { orderingCases } from './cases/ordering-cases.js';
import { partitionCases } from './cases/partition-cases.js';
import { purgeCases } from './cases/purge-cases.js';
import { routingCases } from './cases/routing-cases.js';
import { seamCases } from './cases/seam-cases.js';
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
  data: dataCases,
  seams: seamCases,
  encryption: (h) => {
    encryptionCases(h);
    encryptionFailureCases(h);
    reencryptCases(h);
  },
  scan: scanCases,
  deduplication: deduplicationCases,
  groups: groupCases,
  partitions: partitionCases,
  routing: routingCases,
  idempotency: idempotencyWindowCases,
  // Every case needs capabilities.admin; elsewhere each is listed skipped with "admin is false".
  admin: adminCases,
};

/**
 * Registers the whole provider conformance suite with vitest. A case runs only where the
 * capabilities it needs hold (options.capabilities, after what the core emulates); elsewhere it
 * is listed skipped, its title saying why ("… (not run: ordering is best-effort)"). A whole group
 * may be skipped only with a written reason, which shows up as the name of the skipped block.
 */
export function runProviderContractSuite(name: string, options: ProviderContractOptions): void {
  describe(`provider contract: ${name}`, () => {
    const harness = new ContractHarness(options);
    for (const [group, register] of Object.entries(GROUPS) as [ContractGroup, (h: ContractHarness) => void][]) {
      // A provider opts out of a group only by writing the reason (options.skip), which becomes the
      // skipped block's name in every report. No built-in provider skips anything.
      const reason = options.skip?.[group];
      const title = reason === undefined ? group : `${group} (skipped: ${reason})`;
      // describe.skip, not describe(title, { skip }): vitest hands a suite's options down to its
      // cases, and `skip: false` would run the cases that h.it() registered skipped.
      if (reason === undefined) describe(title, () => register(harness));
      // Skipped, reason: the provider's own written reason (options.skip[group]), carried in the block's title.
      else describe.skip(title, () => register(harness));
    }
  });
}

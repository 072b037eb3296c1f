import type { PeerProfile } from '../contenders/peer-settings.js';

export interface MetricSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
}

/** One row group of the report: a case runner, its parameters and who runs it. */
export interface CaseDefinition {
  /** Unique id of this variant, e.g. "process-c50-prio". */
  readonly id: string;
  /** The runner in child-main.ts. */
  readonly caseId: string;
  readonly title: string;
  readonly group: 'redis' | 'memory' | 'persistence';
  readonly contenders: readonly string[];
  /** The peers' configuration for this case (contenders/peer-settings.ts); 'standard' when absent. */
  readonly peerProfile?: PeerProfile;
  /** Contenders that cannot run this variant, with the reason printed instead of a number. */
  readonly notApplicable?: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, number>>;
  readonly metrics: readonly MetricSpec[];
  /** A child running longer than this is killed and its run counts as failed. */
  readonly timeoutMs: number;
  /** Each run gets its own redis-server and all runs go at once (only for cases that measure no speed). */
  readonly parallelOwnRedis?: boolean;
  /** At most this many repetitions (slow set-up, or a result that does not vary between runs). */
  readonly maxRepetitions?: number;
}

export const THROUGHPUT: MetricSpec = { key: 'msgPerSec', label: 'msg/s', unit: 'msg/s', better: 'higher' };

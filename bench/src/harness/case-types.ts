import type { PeerProfile } from '../contenders/peer-settings.js';

/** What the parent asks one child process to run. */
export interface ChildSpec {
  readonly caseId: string;
  readonly contender: string;
  /** The peers' configuration for this case (peer-settings.ts); 'standard' when absent. */
  readonly peerProfile?: PeerProfile;
  readonly params: Readonly<Record<string, number>>;
  /** Port of the Redis server to use; 0 for cases that need none. */
  readonly port: number;
  /** Timed runs in this process (Redis flushed before each); 1 except in --quick mode. */
  readonly repetitions: number;
}

/** What a child reports: named metrics plus the cost of its timed section. */
export interface CaseResult {
  readonly metrics: Readonly<Record<string, number>>;
  readonly wallMs: number;
  readonly nodeCpuMs: number;
  /** Redis CPU (user + sys) during the timed section; absent without Redis. */
  readonly redisCpuMs?: number;
  /** Extra facts worth printing (e.g. the commands an idle consumer sends). */
  readonly note?: string;
}

export interface CaseContext {
  readonly contender: string;
  readonly peerProfile?: PeerProfile;
  readonly params: Readonly<Record<string, number>>;
  readonly port: number;
}

export type CaseRunner = (context: CaseContext) => Promise<CaseResult>;

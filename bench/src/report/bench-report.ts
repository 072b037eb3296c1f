import { cpus, totalmem } from 'node:os';
import type { PlanResults } from '../harness/run-plan.js';
import type { Summary } from '../harness/stats.js';
import type { CaseDefinition } from '../plan/case-definition.js';
import { CONTENDER_LABELS } from '../contenders/redis-contenders.js';
import { peerSettingRows } from '../contenders/peer-settings.js';
import { costTable } from './cost-table.js';
import { featureTable } from './feature-table.js';
import { formatSummary } from './format-value.js';
import { resultsOf } from './metric-summary.js';
import { resultsTable, type Column } from './results-table.js';
import { targetsTable, targets } from './targets-table.js';

export interface ReportInput {
  readonly plan: readonly CaseDefinition[];
  readonly results: PlanResults;
  readonly command: string;
  readonly repetitions: number;
  readonly quick: boolean;
  readonly versions: Readonly<Record<string, string>>;
  readonly payloadBytes: number;
  readonly ceiling: { readonly unpipelined: Summary; readonly pipelined: Summary } | undefined;
  readonly bigBacklogs: { readonly memory: number; readonly redis: number };
  readonly elapsedMs: number;
}

const REDIS_COLUMNS = [
  { contender: 'mq', label: '@mq' },
  { contender: 'bullmq', label: 'BullMQ' },
  { contender: 'bee-queue', label: 'Bee-Queue' },
];
const PERSISTENCE_COLUMNS = [
  { contender: 'mq-memory', label: '@mq memory' },
  { contender: 'mq-memory-batch', label: "persistence 'batch'" },
  { contender: 'mq-memory-fsync', label: "persistence 'fsync'" },
  { contender: 'mq-memory-none', label: "persistence 'none'" },
];
const MEMORY_COLUMNS = [
  { contender: 'mq-memory', label: '@mq memory' },
  { contender: 'baseline', label: 'ten-array baseline' },
];

/** A case every contender of which has a column here (the others go to the feature tables). */
const coveredBy = (columns: readonly Column[]) => (definition: CaseDefinition): boolean => definition.contenders.every((c) => columns.some((column) => column.contender === c));
const labelOf = (contender: string): string => (CONTENDER_LABELS as Record<string, string>)[contender] ?? (contender === 'mq-memory-encrypted' ? '@mq memory encrypted' : contender);

/** The peers' settings, as the contenders apply them (contenders/peer-settings.ts). */
function peerSettingsTable(): string {
  const rows = peerSettingRows().map((row) => `| ${row.peer} | ${row.profile} | \`${row.settings}\` | ${row.why} |`);
  return ['| peer | where | settings (other than the library defaults) | why (its docs) |', '|---|---|---|---|', ...rows].join('\n');
}

/** Every contender that has no column of its own (feature contenders), for the cost table. */
function featureColumns(plan: readonly CaseDefinition[]): Column[] {
  const known = new Set([...REDIS_COLUMNS, ...MEMORY_COLUMNS, ...PERSISTENCE_COLUMNS].map((c) => c.contender));
  const others = [...new Set(plan.flatMap((d) => d.contenders))].filter((c) => !known.has(c));
  return others.map((contender) => ({ contender, label: labelOf(contender) }));
}

/** The whole markdown report of one run. */
export function benchReport(input: ReportInput): string {
  const redisAll = input.plan.filter((d) => d.group === 'redis');
  const memoryAll = input.plan.filter((d) => d.group === 'memory');
  const redisPlan = redisAll.filter(coveredBy(REDIS_COLUMNS));
  const memoryPlan = memoryAll.filter(coveredBy(MEMORY_COLUMNS));
  const redisFeatures = featureTable(redisAll.filter((d) => !coveredBy(REDIS_COLUMNS)(d)), input.results, 'mq', labelOf);
  const memoryFeatures = featureTable(memoryAll.filter((d) => !coveredBy(MEMORY_COLUMNS)(d)), input.results, 'mq-memory', labelOf);
  const persistencePlan = input.plan.filter((d) => d.group === 'persistence');
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const versions = Object.entries(input.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const idleNotes = REDIS_COLUMNS.map((c) => {
    const note = resultsOf(input.results, 'idle', c.contender)[0]?.note;
    return note === undefined ? undefined : `- ${c.label}: ${note === '' ? 'no commands' : note}`;
  }).filter((line) => line !== undefined);
  const checks = targetsTable(targets(input.bigBacklogs.memory, input.bigBacklogs.redis), input.results);
  const fewer = input.plan.filter((d) => (d.maxRepetitions ?? Infinity) < input.repetitions).map((d) => `"${d.title}"`);
  const fewerNote = fewer.length === 0 ? '' : ` Set-up-heavy or invariant cases run ${Math.min(...input.plan.map((d) => d.maxRepetitions ?? Infinity))} times: ${fewer.join(', ')}.`;
  const sections = [
    `## Results (\`${input.command}\`)`,
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}. Versions: ${versions}.`,
    `Payload: ${input.payloadBytes} bytes of JSON. Each cell: median (min–max) of ${input.repetitions} runs, ${input.quick ? 'the runs of a case and contender in one process (quick mode)' : 'each run in its own process'}, contenders interleaved, Redis flushed between runs. Ratios divide medians.${fewerNote}`,
  ];
  if (redisPlan.some((d) => d.contenders.length > 1)) sections.push('### Peer settings', 'Each peer is configured as its own documentation recommends for the case; settings not listed keep the library defaults.', peerSettingsTable());
  if (redisPlan.length > 0) sections.push('### Redis', resultsTable(redisPlan, input.results, REDIS_COLUMNS));
  if (redisFeatures !== '') sections.push('### Redis: features against plain @mq (same case, runs interleaved)', redisFeatures);
  if (idleNotes.length > 0) sections.push('Commands of the idle subscriber (first run):', idleNotes.join('\n'));
  if (memoryPlan.length > 0) sections.push('### In-memory provider', resultsTable(memoryPlan, input.results, MEMORY_COLUMNS));
  if (memoryFeatures !== '') sections.push('### In-memory provider: features against plain (same case, runs interleaved)', memoryFeatures);
  if (persistencePlan.length > 0) sections.push('### In-memory provider with persistence (docs/persistence.md)', resultsTable(persistencePlan, input.results, PERSISTENCE_COLUMNS));
  if (input.ceiling !== undefined) {
    sections.push(
      '### Redis ceiling (redis-benchmark, 50 clients, one EVAL = LPUSH + RPOP of the payload)',
      `| mode | script calls/s |\n|---|---|\n| unpipelined | ${formatSummary(input.ceiling.unpipelined)} |\n| -P 16 | ${formatSummary(input.ceiling.pipelined)} |`,
    );
  }
  sections.push('### Where the time goes (medians)', costTable(input.plan, input.results, [...REDIS_COLUMNS, ...MEMORY_COLUMNS, ...PERSISTENCE_COLUMNS.filter((c) => c.contender !== 'mq-memory'), ...featureColumns(input.plan)]));
  sections.push(`### Targets: ${checks.met} of ${checks.total} met`, checks.table);
  sections.push(`Total time: ${(input.elapsedMs / 1000).toFixed(1)} s.`);
  return sections.join('\n\n');
}

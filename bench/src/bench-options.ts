export interface BenchOptions {
  /** Smaller counts and 3 repetitions: under a minute, for development and CI smoke checks. */
  readonly quick: boolean;
  readonly repetitions: number;
  /** Run only cases whose id starts with one of these (development aid). */
  readonly only: readonly string[];
  /** Skip the redis-benchmark ceiling. */
  readonly noCeiling: boolean;
}

/** Reads `--quick`, `--reps=N`, `--only=a,b` and `--no-ceiling` from the command line. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const reps = Number(value('reps') ?? (quick ? 3 : 5));
  if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps takes a whole number >= 1');
  const unknown = argv.filter((a) => a !== '--' && !/^--(quick|no-ceiling|reps=.*|only=.*)$/.test(a));
  if (unknown.length > 0) throw new Error(`unknown option(s) ${unknown.join(' ')}; use --quick, --reps=N, --only=case,… or --no-ceiling`);
  return { quick, repetitions: reps, only: (value('only') ?? '').split(',').filter(Boolean), noCeiling: argv.includes('--no-ceiling') };
}

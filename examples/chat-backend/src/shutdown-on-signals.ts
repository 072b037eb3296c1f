/**
 * On SIGINT or SIGTERM: logs, runs `close` once, logs "shutdown finished" and exits 0 (1 if
 * closing failed). Later signals are ignored rather than cutting the shutdown short: under `pnpm
 * start` one Ctrl-C arrives as several signals (the terminal signals the whole process group,
 * and each pnpm forwards SIGINT, then SIGTERM), and a half-finished shutdown would leave in-flight
 * messages to wait for their lease to expire.
 */
export function shutdownOnSignals(close: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: shutting down`);
      close().then(
        () => {
          log('shutdown finished');
          process.exit(0);
        },
        (error: unknown) => {
          console.error(`shutdown failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

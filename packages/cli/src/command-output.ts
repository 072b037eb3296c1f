/** Where a command writes: stdout for results, stderr for progress and warnings. */
export interface CommandOutput {
  readonly json: boolean;
  write(text: string): void;
  warn(text: string): void;
}

export { runCli, type CliIo } from './run-cli.js';
export { CliError } from './cli-error.js';
export { formatTable } from './print-table.js';

import { existsSync } from 'node:fs';

/**
 * Loads `.env` from the working directory when there is one (variables already set win).
 * process.loadEnvFile exists from Node 20.12; `--env-file-if-exists` would need Node 22.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

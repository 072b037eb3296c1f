import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * The house rules on packages/*\/src that a reviewer should not have to count by hand: no import
 * cycle inside a package, no file over MAX_LINES, no `export *` in an index. Plain text scanning,
 * no dependency: specifiers are read line by line from the import/export statements (a statement
 * starts a line in our formatted sources, so comments and strings never match) plus `import('…')`
 * (dynamic imports and type-position imports).
 */

/** The house limit on a source file (STYLE.md, issue 11). */
export const MAX_LINES = 250;

/** Generated from src/lua/*.lua (`pnpm --filter @mq/redis generate:lua`): nobody edits it by hand. */
export const LINE_LIMIT_EXEMPT: ReadonlySet<string> = new Set(['src/lua/lua-sources.ts']);

/** Files of one package by path relative to the package folder ('src/a.ts') → their text. */
export type SourceFiles = ReadonlyMap<string, string>;

export interface SourceReport {
  /** One line per cycle: 'src/a.ts → src/b.ts → src/a.ts'. */
  cycles: string[];
  /** 'src/big.ts (312 lines)'. */
  oversized: string[];
  /** Index files and entry points that re-export with `export *`. */
  exportStars: string[];
}

const STATIC_SPECIFIER = /^[ \t]*(?:import|export)(?:\s+type)?\s*(?:[\w$*{}\s,]*?\s*from\s*)?(['"])([^'"\n]+)\1/gm;
const DYNAMIC_SPECIFIER = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;
const EXPORT_STAR = /^[ \t]*export\s+(?:type\s+)?\*/m;

/** Every module specifier a file imports or re-exports, type-only ones included. */
export function importSpecifiers(text: string): string[] {
  const specifiers = [...text.matchAll(STATIC_SPECIFIER)].map((match) => match[2] as string);
  for (const line of text.split('\n')) {
    if (COMMENT_LINE.test(line)) continue;
    for (const match of line.matchAll(DYNAMIC_SPECIFIER)) specifiers.push(match[2] as string);
  }
  return specifiers;
}

/** For each file, the files of the same package it imports (relative specifiers resolved; others left out). */
export function importGraph(files: SourceFiles): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [path, text] of files) {
    const targets: string[] = [];
    for (const specifier of importSpecifiers(text)) {
      const target = specifier.startsWith('.') ? resolveRelative(files, path, specifier) : undefined;
      if (target !== undefined && !targets.includes(target)) targets.push(target);
    }
    graph.set(path, targets);
  }
  return graph;
}

function resolveRelative(files: SourceFiles, from: string, specifier: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = base.replace(/\.(?:js|ts)$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`].find((candidate) => files.has(candidate));
}

/**
 * Each group of files that import one another (a strongly connected component), as one cycle
 * through its first file: [a, b, c, a]. Groups in path order, each once.
 */
export function findImportCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || (graph.get(group[0] as string) ?? []).includes(group[0] as string))
    .map((group) => shortestCycle(graph, [...group].sort()))
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** Tarjan's algorithm; recursion is fine at the size of one package. */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** Breadth-first from the group's first file back to it, inside the group. */
function shortestCycle(graph: ReadonlyMap<string, readonly string[]>, group: readonly string[]): string[] {
  const start = group[0] as string;
  const members = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const next of graph.get(node) ?? []) {
      if (next === start) return [...pathTo(cameFrom, start, node), start];
      if (members.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

function pathTo(cameFrom: ReadonlyMap<string, string>, start: string, end: string): string[] {
  const path = [end];
  while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
  return path;
}

/** Lines as `wc -l` counts them, plus a last line without its newline. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** Checks one package's sources. `entryPoints` are the files its package.json exports (src/index.ts, src/testing.ts…). */
export function checkPackageSources(files: SourceFiles, options: { entryPoints: readonly string[] }): SourceReport {
  const cycles = findImportCycles(importGraph(files)).map((cycle) => cycle.join(' → '));
  const oversized: string[] = [];
  const exportStars: string[] = [];
  for (const [path, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const lines = lineCount(text);
    if (lines > MAX_LINES && !LINE_LIMIT_EXEMPT.has(path)) oversized.push(`${path} (${lines} lines)`);
    const isIndex = posix.basename(path) === 'index.ts' || options.entryPoints.includes(path);
    if (isIndex && EXPORT_STAR.test(text)) exportStars.push(path);
  }
  return { cycles, oversized, exportStars };
}

/** Every .ts file under `root`/`dir`, by path relative to `root` ('src/a.ts') → its text. */
export function readTypeScriptFiles(root: string, dir = 'src'): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(posix.join(root, folder), { withFileTypes: true })) {
      const path = posix.join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.set(path, readFileSync(posix.join(root, path), 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** A package folder's src/**\/*.ts and the source entry points of its package.json `exports` (the `@mq/source` condition). */
export function readPackageSources(packageDir: string): { files: SourceFiles; entryPoints: string[] } {
  const manifest = JSON.parse(readFileSync(posix.join(packageDir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const entryPoints = Object.values(manifest.exports ?? {}).flatMap((target) => {
    const source = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)['@mq/source'] : undefined;
    return typeof source === 'string' ? [posix.normalize(source)] : [];
  });
  return { files: readTypeScriptFiles(packageDir), entryPoints };
}

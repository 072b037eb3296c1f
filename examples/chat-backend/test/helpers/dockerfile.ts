/** One instruction of a Dockerfile: `COPY a b` → { keyword: 'COPY', args: ['a', 'b'] }; CMD in exec form keeps its JSON array. */
export interface Instruction {
  keyword: string;
  args: string[];
  /** The text after the keyword, continuations joined. */
  text: string;
}

/** Reads a Dockerfile well enough to check it: comments, line continuations, exec-form JSON arrays. */
export function parseDockerfile(source: string): Instruction[] {
  const joined = source.replace(/\\\r?\n/g, ' ');
  const instructions: Instruction[] = [];
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+)\s+(.*)$/.exec(line);
    if (match === null) throw new Error(`not an instruction: ${line}`);
    const keyword = (match[1] as string).toUpperCase();
    const text = (match[2] as string).trim();
    const args = text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(/\s+/);
    instructions.push({ keyword, args, text });
  }
  return instructions;
}

/** Whether `.dockerignore` excludes `path` or a folder above it (`*`, `?`, `**` and `!` as Docker reads them). */
export function dockerIgnores(patterns: readonly string[], path: string): boolean {
  const segments = path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const regex = patternRegex((negated ? pattern.slice(1) : pattern).replace(/^\/+|\/+$/g, ''));
    if (prefixes.some((prefix) => regex.test(prefix))) ignored = !negated;
  }
  return ignored;
}

function patternRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (pattern[i] === '*') out += '[^/]*';
    else if (pattern[i] === '?') out += '[^/]';
    else out += (pattern[i] as string).replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

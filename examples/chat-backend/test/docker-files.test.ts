import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkRoleFitsProvider, CONFIG_VARIABLES, readConfig } from '../src/config.js';
import { dockerIgnores, parseDockerfile, type Instruction } from './helpers/dockerfile.js';
import { REPO_DIR, START_ARGS, stopExample, whenListening } from './helpers/example-process.js';

// No Docker engine runs on the machines this repository is built on: these tests check the
// Dockerfile and docker-compose.yml against the app and the repository instead of running them.

interface ComposeService {
  build?: string | { context: string };
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number> | string[];
  ports?: (string | { target: number; published: string | number })[];
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test: string | string[] };
  deploy?: { replicas?: number };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const read = (file: string) => readFileSync(join(REPO_DIR, file), 'utf8');
const compose = parse(read('docker-compose.yml')) as ComposeFile;
const dockerfile = parseDockerfile(read('Dockerfile'));
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

/** A service's environment as a map, with `${NAME:?message}` (compose's "required") resolved to a stand-in value. */
function environmentOf(service: ComposeService): Record<string, string> {
  const entries = Array.isArray(service.environment) ? service.environment.map((e) => e.split(/=(.*)/s).slice(0, 2) as [string, string]) : Object.entries(service.environment ?? {});
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value).replace(/^\$\{([A-Z_]+):\?[^}]*\}$/, 'stand-in-for-$1')]));
}

function rawEnvironmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment as Record<string, string | number>).map(([k, v]) => [k, String(v)]));
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const d = service.depends_on ?? [];
  return Array.isArray(d) ? Object.fromEntries(d.map((name) => [name, undefined])) : Object.fromEntries(Object.entries(d).map(([name, v]) => [name, v.condition]));
}

function words(command: string | string[] | undefined): string[] {
  return command === undefined ? [] : Array.isArray(command) ? command : command.split(/\s+/);
}

const appServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  test('has the spec\'s app and redis, plus a worker: app ROLE=api, worker ROLE=worker, both built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'redis', 'worker']);
    expect(appServices.map(([name]) => name).sort()).toEqual(['app', 'worker']);
    for (const [, service] of appServices) expect(service.build === '.' || (typeof service.build === 'object' && service.build.context === '.')).toBe(true);
    expect(environmentOf(compose.services.app as ComposeService).ROLE).toBe('api');
    expect(environmentOf(compose.services.worker as ComposeService).ROLE).toBe('worker');
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
  });

  test('redis: redis:7-alpine with AOF on, no eviction, its data on a declared named volume, a health check', () => {
    const redis = compose.services.redis as ComposeService;
    expect(redis.image).toBe('redis:7-alpine');
    const args = words(redis.command);
    expect(args[0]).toBe('redis-server');
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(option('--appendonly')).toBe('yes');
    expect(option('--appendfsync')).toMatch(/^(always|everysec)$/);
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(redis.volumes).toEqual(['redis_data:/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['redis_data']);
    expect(words(redis.healthcheck?.test)).toEqual(['CMD', 'redis-cli', 'ping']);
    // Published on the host's loopback only: this Redis has no password.
    expect(redis.ports).toEqual(['127.0.0.1:6379:6379']);
  });

  test('every variable it sets is one the app reads, and each service\'s environment is one the app starts with', () => {
    for (const [name, service] of appServices) {
      const env = environmentOf(service);
      for (const key of Object.keys(env)) expect(CONFIG_VARIABLES, `${name}: ${key}`).toContain(key);
      const config = readConfig(env);
      checkRoleFitsProvider(config.role, env.MESSAGE_QUEUE_PROVIDER as string);
      expect(env, name).toMatchObject({ NODE_ENV: 'production', MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: 'redis://redis:6379' });
      expect(dependsOn(service), name).toEqual({ redis: 'service_healthy' });
    }
  });

  test('the API\'s secrets come from the environment compose runs in, and it refuses to start without them', () => {
    const raw = rawEnvironmentOf(compose.services.app as ComposeService);
    expect(raw.QUEUE_ADMIN_TOKEN).toMatch(/^\$\{QUEUE_ADMIN_TOKEN:\?.+\}$/);
    expect(raw.SOCKET_TOKEN_SECRET).toMatch(/^\$\{SOCKET_TOKEN_SECRET:\?.+\}$/);
    const worker = rawEnvironmentOf(compose.services.worker as ComposeService);
    expect(Object.keys(worker)).not.toContain('QUEUE_ADMIN_TOKEN');
  });

  test('ports and health checks match the port the app listens on', () => {
    for (const [name, service] of appServices) {
      const { port } = readConfig(environmentOf(service));
      expect(words(service.healthcheck?.test).join(' '), name).toContain(`http://127.0.0.1:${port}/api/queue/health`);
    }
    const { port } = readConfig(environmentOf(compose.services.app as ComposeService));
    expect(compose.services.app?.ports).toEqual([`${port}:${port}`]);
    // Workers serve only their health check, inside the network.
    expect(compose.services.worker?.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const at = (keyword: string) => dockerfile.filter((i) => i.keyword === keyword);
  const copies = at('COPY').flatMap((i) => i.args.slice(0, -1));

  test('installs the pnpm version the repository pins', () => {
    const pinned = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    expect(at('RUN').map((i) => i.text)).toContain(`npm install --global ${pinned}`);
    expect(at('FROM').map((i) => i.text)).toEqual([expect.stringMatching(/^node:20[-.]/)]);
  });

  test('copies only files that exist and that .dockerignore lets through', () => {
    expect(copies.length).toBeGreaterThan(5);
    for (const source of copies) {
      expect(existsSync(join(REPO_DIR, source)), source).toBe(true);
      expect(dockerIgnores(dockerignore, source), source).toBe(false);
    }
    expect(dockerIgnores(dockerignore, 'examples/chat-backend/node_modules/x')).toBe(true);
    expect(dockerIgnores(dockerignore, 'examples/chat-backend/.env')).toBe(true);
  });

  test('copies the manifest and sources of every workspace package the example runs on', () => {
    const manifest = (dir: string) => JSON.parse(read(`${dir}/package.json`)) as { name: string; dependencies?: Record<string, string> };
    const dirOf = new Map(['core', 'memory', 'redis', 'sqs', 'express', 'socketio', 'prometheus', 'dashboard', 'test-suite'].map((p) => [manifest(`packages/${p}`).name, `packages/${p}`]));
    const needed = new Set(['examples/chat-backend']);
    for (const dir of needed) {
      for (const [name, version] of Object.entries(manifest(dir).dependencies ?? {})) {
        if (version.startsWith('workspace:')) needed.add(dirOf.get(name) as string);
      }
    }
    expect(needed.size).toBeGreaterThan(5);
    for (const dir of needed) {
      expect(copies, dir).toContain(`${dir}/package.json`);
      expect(copies, dir).toContain(`${dir}/src`);
    }
  });

  test('its CMD is what `pnpm start` runs, in the example\'s folder, with NODE_ENV=production', () => {
    expect(at('CMD').map((i) => i.args)).toEqual([['node', ...START_ARGS]]);
    expect(at('WORKDIR').at(-1)?.text).toBe('/app/examples/chat-backend');
    expect(at('ENV').map((i) => i.text)).toContain('NODE_ENV=production');
    expect(at('EXPOSE').map((i) => i.text)).toEqual([String(readConfig({}).port)]);
    expect(at('USER').map((i) => i.text)).toEqual(['node']);
  });

  describe('its steps, run here without Docker', () => {
    const root = mkdtempSync(join(tmpdir(), 'mq-image-'));
    // A fresh install's node_modules (the AWS SDK, OpenTelemetry…): removing it can take a while on a busy machine.
    afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000);

    test('the files it copies, installed by its RUN and started by its CMD, serve the health check', async () => {
      const env: Record<string, string> = {};
      let workdir = '/';
      const local = (path: string) => join(root, path);
      for (const step of dockerfile) runStep(step);
      function runStep({ keyword, args, text }: Instruction): void {
        if (keyword === 'WORKDIR') {
          workdir = posix.resolve(workdir, text);
          mkdirSync(local(workdir), { recursive: true });
        } else if (keyword === 'ENV') {
          const [key, value] = text.split(/=(.*)/s) as [string, string];
          env[key] = value;
        } else if (keyword === 'COPY') {
          const dest = posix.resolve(workdir, args.at(-1) as string);
          for (const source of args.slice(0, -1)) {
            const from = join(REPO_DIR, source);
            const into = statSync(from).isDirectory() || !(args.at(-1) as string).endsWith('/') ? local(dest) : join(local(dest), basename(source));
            cpSync(from, into, { recursive: true });
          }
        } else if (keyword === 'RUN' && text.startsWith('pnpm install')) {
          // From the local store: no network here.
          const run = spawnSync('sh', ['-c', `${text} --offline`], { cwd: local(workdir), encoding: 'utf8', env: { ...process.env, ...env, CI: '' } });
          expect(run.status, run.stdout + run.stderr).toBe(0);
        }
      }
      const [command, ...args] = dockerfile.find((i) => i.keyword === 'CMD')?.args as string[];
      expect(command).toBe('node');
      const child = spawn(process.execPath, args, {
        cwd: local(workdir),
        env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', ROLE: 'all', MESSAGE_QUEUE_PROVIDER: 'memory', QUEUE_ADMIN_TOKEN: 'stand-in', SOCKET_TOKEN_SECRET: 'stand-in' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const app = await whenListening(child);
      const health = await fetch(`${app.url}/api/queue/health`);
      expect(health.status).toBe(200);
      expect(await stopExample(child)).toBe(0);
      expect(app.output()).toMatch(/role all, provider memory\)/);
    }, 120_000);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';

const JS = 'text/javascript; charset=utf-8';

/** The files of client/ the page loads (ES modules and one stylesheet); nothing else is served from there. */
export const CLIENT_FILES: Readonly<Record<string, string>> = {
  'dashboard.js': JS,
  'api.js': JS,
  'charts.js': JS,
  'dialogs.js': JS,
  'format.js': JS,
  'live.js': JS,
  'message-view.js': JS,
  'overview-view.js': JS,
  'queue-view.js': JS,
  'dashboard.css': 'text/css; charset=utf-8',
};

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

/** client/ beside src/ and dist/ (the package ships it); import.meta.url is shimmed in the CJS build. */
export function clientDirectory(): URL {
  return new URL('../client/', import.meta.url);
}

/**
 * Reads the client files once (with their gzip and ETag) and serves them from memory, by name only.
 * Cached with revalidation (no-cache + ETag): the modules import one another by plain name, so an
 * upgrade must not leave a stale one in the browser; a reload costs one 304 per file.
 */
export function clientAssets(directory: URL = clientDirectory()): { handler: RequestHandler; files: ReadonlyMap<string, Asset> } {
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(CLIENT_FILES)) {
    const body = readFileSync(new URL(name, directory));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"` });
  }
  const handler: RequestHandler = (req, res, next) => {
    const asset = assets.get(String(req.params.file));
    if (asset === undefined) return next();
    res.set({ 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding', 'X-Content-Type-Options': 'nosniff' });
    if (req.get('if-none-match') === asset.etag) return void res.status(304).end();
    const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
    if (gzip) res.set('Content-Encoding', 'gzip');
    res.send(gzip ? asset.gzip : asset.body);
  };
  return { handler, files: assets };
}

import type { RequestHandler } from 'express';

export interface PageSettings {
  readonly csrfToken: string;
  readonly readOnly: boolean;
  readonly redactPayloads: boolean;
  readonly pollIntervalMs: number;
}

/** Nothing but our own files: no inline script or style, no other origin, no framing (clickjacking). */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * GET / under the mount point: the page shell. Its settings (the CSRF token among them) are data
 * attributes of <body>; the asset and API paths are built from req.baseUrl, so any mount path works.
 */
export function indexPage(settings: PageSettings): RequestHandler {
  return (req, res) => {
    const base = req.baseUrl;
    const data = {
      'data-base': base,
      'data-token': settings.csrfToken,
      'data-read-only': String(settings.readOnly),
      'data-redact': String(settings.redactPayloads),
      'data-poll-ms': String(settings.pollIntervalMs),
    };
    const attributes = Object.entries(data).map(([name, value]) => `${name}="${escapeHtml(value)}"`).join(' ');
    const asset = (file: string) => `${escapeHtml(base)}/assets/${file}`;
    res.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Queues · @mq dashboard</title>
<link rel="stylesheet" href="${asset('dashboard.css')}">
<script type="module" src="${asset('dashboard.js')}"></script>
</head>
<body ${attributes}>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="#/">@mq dashboard</a><span id="live" class="live" role="status" aria-live="polite">connecting…</span>${settings.readOnly ? '<span class="badge">read-only</span>' : ''}</header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
<noscript><p>The dashboard needs JavaScript.</p></noscript>
</body>
</html>
`);
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Small helpers shared by the views: escaping, times, durations, numbers.

/** Text made safe for innerHTML (element content and quoted attributes). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 1234 ms → "1.2 s"; 0 → "0 ms". */
export function duration(ms) {
  if (ms === undefined || ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** Epoch ms → "2026-12-02 14:03:07" in local time, in a <time> element. */
export function time(ms) {
  if (ms === undefined || ms === null) return '–';
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `<time datetime="${d.toISOString()}">${text}</time>`;
}

export function count(n) {
  return n === undefined || n === null ? '–' : Number(n).toLocaleString('en');
}

/** The hash route: #/ → { view: 'overview' }, #/q/NAME → queue, #/q/NAME/m/ID → message, with ?query. */
export function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'q' && parts[1] !== undefined) {
    if (parts[2] === 'm' && parts[3] !== undefined) return { view: 'message', queueName: parts[1], id: parts[3], params };
    return { view: 'queue', queueName: parts[1], params };
  }
  return { view: 'overview', params };
}

export function queueHref(queueName, params) {
  const query = params === undefined ? '' : `?${new URLSearchParams(params)}`;
  return `#/q/${encodeURIComponent(queueName)}${query}`;
}

export function messageHref(queueName, id) {
  return `#/q/${encodeURIComponent(queueName)}/m/${encodeURIComponent(id)}`;
}

/** Pretty JSON for a <pre>, escaped. */
export function json(value) {
  return esc(JSON.stringify(value, null, 2));
}

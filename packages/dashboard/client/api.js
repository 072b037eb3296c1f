// The dashboard's JSON API: GET reads, and actions that carry the CSRF token header.

const settings = document.body.dataset;
export const base = settings.base ?? '';
export const readOnly = settings.readOnly === 'true';
export const redacted = settings.redact === 'true';
export const pollMs = Number(settings.pollMs) || 5000;

/** A problem+json answer, as an Error with the problem's detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-mq-dashboard-token'] = settings.token ?? '';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  const data = text === '' ? null : JSON.parse(text);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

const q = encodeURIComponent;

export const getOverview = () => api('/overview');
export const listMessages = (queueName, state, cursor) => api(`/queues/${q(queueName)}/messages?${new URLSearchParams({ state, limit: '25', ...(cursor ? { cursor } : {}) })}`);
export const searchMessages = (queueName, filter) => api(`/queues/${q(queueName)}/search?${new URLSearchParams({ limit: '25', ...filter })}`);
export const getMessage = (queueName, id) => api(`/queues/${q(queueName)}/messages/${q(id)}`);
/** action: replay | delete | promote; target: { ids } | { all: true } | { filter }. */
export const act = (queueName, action, target) => api(`/queues/${q(queueName)}/messages/${action}`, { method: 'POST', body: target });
export const setPaused = (queueName, paused) => api(`/queues/${q(queueName)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
export const purge = (queueName) => api(`/purge/${q(queueName)}?confirm=${q(queueName)}`, { method: 'DELETE' });

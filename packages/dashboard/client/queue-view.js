// One queue: its charts, its messages by state (paged), search, and its actions.
import { readOnly, redacted } from './api.js';
import { historyCharts } from './charts.js';
import { count, duration, esc, messageHref, queueHref, time } from './format.js';

export const STATES = ['ready', 'delayed', 'processing', 'dead'];
export const SEARCH_FIELDS = [
  ['text', 'Payload text'],
  ['id', 'Message id'],
  ['type', 'Type'],
  ['userId', 'User'],
  ['conversationId', 'Conversation'],
];
/** Redacted dashboards cannot search what they hide (the server refuses it). */
const PERSONAL = new Set(['text', 'userId', 'conversationId']);

/** The search filter in the route's query, or null when it asks for a plain listing. */
export function searchFilter(params) {
  const filter = {};
  for (const [name] of SEARCH_FIELDS) if (params.get(name)) filter[name] = params.get(name);
  if (Object.keys(filter).length === 0) return null;
  if (params.get('state')) filter.state = params.get('state');
  return filter;
}

export function renderQueue({ queueName, params, stats, history, page, filter }) {
  const state = params.get('state') ?? 'ready';
  const tabs = STATES.map((s) => {
    const n = s === 'dead' ? stats?.failedMessages : stats?.[`${s}Messages`];
    const current = filter === null && s === state;
    return `<a href="${queueHref(queueName, { state: s })}"${current ? ' aria-current="page"' : ''}>${s} <span class="n">${count(n)}</span></a>`;
  }).join('');
  return `
<nav class="crumbs" aria-label="Breadcrumb"><a href="#/">Queues</a> / <span>${esc(queueName)}</span></nav>
<h1>${esc(queueName)} ${stats?.paused ? '<span class="badge warn">paused</span>' : ''}</h1>
<section class="cards" aria-label="Summary">
  <div class="card"><h2>Waiting</h2><p class="big">${count(stats?.pendingMessages)}</p><p>oldest ${duration(stats?.oldestMessageAgeMs)}</p></div>
  <div class="card"><h2>Completed</h2><p class="big">${count(stats?.completedMessages)}</p><p>mean ${duration(stats?.avgProcessingTime)}</p></div>
  <div class="card wide"><h2>Last hour</h2><div class="charts">${historyCharts(history?.minutes ?? [])}</div></div>
</section>
${readOnly ? '' : queueActions(queueName, stats)}
${searchForm(queueName, params)}
<nav class="tabs" aria-label="Messages by state">${tabs}</nav>
<section aria-labelledby="list-title">
<h2 id="list-title">${filter === null ? `${esc(state)} messages` : `Search results${page?.complete === false ? ' (more to scan: next page)' : ''}`}</h2>
${readOnly || filter !== null ? '' : selectionActions(state)}
${messageTable(queueName, page?.items ?? [], filter === null ? state : 'any')}
${pager(queueName, params, page)}
</section>`;
}

function queueActions(queueName, stats) {
  return `<div class="toolbar" role="group" aria-label="Queue actions">
<button type="button" data-action="${stats?.paused ? 'resume' : 'pause'}">${stats?.paused ? 'Resume' : 'Pause'} queue</button>
<button type="button" class="danger" data-action="purge">Purge queue…</button>
</div>`;
}

function selectionActions(state) {
  if (state === 'dead') {
    return `<div class="toolbar" role="group" aria-label="Dead-letter actions">
<button type="button" data-action="replay-selected">Replay selected</button>
<button type="button" class="danger" data-action="delete-selected">Delete selected</button>
<button type="button" data-action="replay-all">Replay all dead letters</button>
<button type="button" class="danger" data-action="delete-all">Delete all dead letters…</button>
</div>`;
  }
  const promote = state === 'delayed' ? '<button type="button" data-action="promote-selected">Promote selected</button>' : '';
  return `<div class="toolbar" role="group" aria-label="Message actions">${promote}<button type="button" class="danger" data-action="delete-selected">Delete selected</button></div>`;
}

function searchForm(queueName, params) {
  const fields = SEARCH_FIELDS.filter(([name]) => !(redacted && PERSONAL.has(name)))
    .map(([name, label]) => `<label>${esc(label)} <input name="${name}" type="search" value="${esc(params.get(name) ?? '')}" autocomplete="off"></label>`)
    .join('');
  return `<form class="search" role="search" data-queue="${esc(queueName)}" aria-label="Search ${esc(queueName)}">${fields}<button type="submit">Search</button></form>`;
}

function messageTable(queueName, items, state) {
  const select = !readOnly && state !== 'any';
  const head = `${select ? '<th scope="col"><span class="sr-only">Select</span></th>' : ''}<th scope="col">Id</th><th scope="col">Type</th><th scope="col">State</th><th scope="col">Priority</th><th scope="col">Attempts</th><th scope="col">Due / failed</th><th scope="col">Error</th>`;
  const rows = items.map((m) => {
    const check = select ? `<td><input type="checkbox" name="select" value="${esc(m.id)}" aria-label="Select ${esc(m.id)}"></td>` : '';
    const error = m.error ?? m.lastError;
    return `<tr>${check}<td><a href="${messageHref(queueName, m.id)}">${esc(m.id)}</a></td><td>${esc(m.type)}</td><td>${esc(m.state)}</td><td>${m.priority}</td><td>${m.attempts} / ${m.maxRetries + 1}</td><td>${time(m.failedAt ?? m.availableAt)}</td><td class="err">${esc(error ? `${error.name}: ${error.message}` : '')}</td></tr>`;
  });
  const empty = `<tr><td colspan="${select ? 8 : 7}">No messages.</td></tr>`;
  return `<div class="scroll"><table class="messages"><caption class="sr-only">Messages of ${esc(queueName)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('') || empty}</tbody></table></div>`;
}

function pager(queueName, params, page) {
  const links = [];
  if (params.get('cursor')) {
    const first = new URLSearchParams(params);
    first.delete('cursor');
    links.push(`<a href="${queueHref(queueName, first)}">First page</a>`);
  }
  if (page?.nextCursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor);
    links.push(`<a href="${queueHref(queueName, next)}" rel="next">Next page</a>`);
  }
  return links.length === 0 ? '' : `<nav class="pager" aria-label="Pages">${links.join(' ')}</nav>`;
}

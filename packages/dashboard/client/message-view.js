// One message: state, payload, metadata, attempts, errors with their stacks, times; its actions.
import { readOnly } from './api.js';
import { esc, json, queueHref, time } from './format.js';

function errorBlock(title, error) {
  if (!error) return '';
  return `<section class="error-info"><h3>${esc(title)}${error.at ? ` at ${time(error.at)}` : ''}</h3><p><strong>${esc(error.name)}</strong>${error.code ? ` (${esc(error.code)})` : ''}: ${esc(error.message)}</p>${error.stack ? `<pre class="stack" tabindex="0" aria-label="Stack trace">${esc(error.stack)}</pre>` : ''}</section>`;
}

/** `message` is what the server holds, or null; `seen` the last live event about it (completed after it left the store). */
export function renderMessage({ queueName, id, message, seen }) {
  const crumbs = `<nav class="crumbs" aria-label="Breadcrumb"><a href="#/">Queues</a> / <a href="${queueHref(queueName)}">${esc(queueName)}</a> / <span>${esc(id)}</span></nav>`;
  if (message === null) {
    const state = seen?.event === 'completed' ? 'completed' : 'gone';
    const note = state === 'completed' ? `Completed at ${time(seen.at)}: the queue keeps no completed messages.` : 'The queue holds no such message (it may have completed, or never existed).';
    return `${crumbs}<h1>Message ${esc(id)}</h1><dl class="facts"><dt>State</dt><dd><span class="state state-${state}" data-state="${state}">${state}</span></dd></dl><p>${note}</p>`;
  }
  const m = message;
  const actions = readOnly ? '' : messageActions(m);
  const facts = [
    ['State', `<span class="state state-${esc(m.state)}" data-state="${esc(m.state)}">${esc(m.state)}</span>`],
    ['Type', esc(m.type)],
    ['Priority', m.priority],
    ['Attempts', `${m.attempts} of ${m.maxRetries + 1}`],
    ['Created', time(m.createdAt)],
    [m.state === 'delayed' ? 'Due' : 'Available since', time(m.availableAt)],
    ...(m.leaseExpiresAt ? [['Lease expires', time(m.leaseExpiresAt)]] : []),
    ...(m.failedAt ? [['Dead-lettered', time(m.failedAt)]] : []),
    ...(m.groupId ? [['Group', esc(m.groupId)]] : []),
  ];
  const payload = m.decodeError ? `<p class="bad">Cannot decode: ${esc(m.decodeError.message)}</p>` : m.redacted || m.payload === '[redacted]' ? '<p class="muted">[redacted] (the dashboard runs with redactPayloads)</p>' : `<pre class="json" tabindex="0" aria-label="Payload">${json(m.payload)}</pre>`;
  return `${crumbs}
<h1>Message ${esc(m.id)}</h1>
${actions}
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>Payload</h2>${payload}
<h2>Metadata</h2><pre class="json" tabindex="0" aria-label="Metadata">${json(m.metadata)}</pre>
<h2>Errors</h2>${errorBlock('Dead-lettered with', m.error)}${errorBlock('Last failed attempt', m.lastError)}${!m.error && !m.lastError ? '<p class="muted">No failed attempt.</p>' : ''}`;
}

function messageActions(m) {
  const buttons = [];
  if (m.state === 'dead') buttons.push('<button type="button" data-action="replay-one">Replay</button>');
  if (m.state === 'delayed') buttons.push('<button type="button" data-action="promote-one">Promote now</button>');
  buttons.push('<button type="button" class="danger" data-action="delete-one">Delete…</button>');
  return `<div class="toolbar" role="group" aria-label="Message actions" data-id="${esc(m.id)}">${buttons.join('')}</div>`;
}

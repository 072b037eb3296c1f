// The overview: health, the last hour's charts, every queue with its counts, recent activity.
import { historyCharts, sumMinutes } from './charts.js';
import { count, duration, esc, messageHref, queueHref, time } from './format.js';
import { recent } from './live.js';

const EVENT_NAMES = { enqueued: 'enqueued', completed: 'completed', deadLetter: 'dead-lettered' };

export function renderOverview(overview) {
  const { health, queues, history } = overview;
  const persistence = Object.entries(health.persistence ?? {}).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(', ');
  return `
<h1>Queues</h1>
<section class="cards" aria-label="Provider">
  <div class="card"><h2>Provider</h2><p class="big">${esc(health.provider)}</p><p class="${health.healthy ? 'ok' : 'bad'}">${health.healthy ? 'Healthy' : 'Unhealthy'}</p></div>
  <div class="card"><h2>Persistence</h2><p>${persistence === '' ? 'not described by the provider' : persistence}</p></div>
  <div class="card wide"><h2>Last hour, all queues</h2><div class="charts">${historyCharts(sumMinutes(history))}</div></div>
</section>
<section aria-labelledby="queues-title">
<h2 id="queues-title">Every queue</h2>
<div class="scroll"><table class="queues">
<caption class="sr-only">Messages by state in each queue</caption>
<thead><tr><th scope="col">Queue</th><th scope="col">Ready</th><th scope="col">Delayed</th><th scope="col">Processing</th><th scope="col">Dead</th><th scope="col">Completed</th><th scope="col">Oldest waiting</th><th scope="col">Mean processing</th><th scope="col">State</th></tr></thead>
<tbody>${queues.length === 0 ? '<tr><td colspan="9">No queues yet.</td></tr>' : queues.map(queueRow).join('')}</tbody>
</table></div>
${groupsSection(queues)}
${partitionsSection(queues)}
</section>
<section aria-labelledby="activity-title">
<h2 id="activity-title">Recent activity <span class="muted">(seen by this process, live)</span></h2>
${activityList(recent)}
</section>`;
}

function queueRow(s) {
  const name = s.queueName;
  const cell = (state, n) => `<td><a href="${queueHref(name, { state })}" aria-label="${esc(`${count(n)} ${state} in ${name}`)}">${count(n)}</a></td>`;
  return `<tr data-queue="${esc(name)}"><th scope="row"><a href="${queueHref(name)}">${esc(name)}</a></th>${cell('ready', s.readyMessages)}${cell('delayed', s.delayedMessages)}${cell('processing', s.processingMessages)}${cell('dead', s.failedMessages)}<td>${count(s.completedMessages)}</td><td>${s.readyMessages === 0 ? '–' : duration(s.oldestMessageAgeMs)}</td><td>${duration(s.avgProcessingTime)}</td><td>${s.paused ? '<span class="badge warn">paused</span>' : 'running'}</td></tr>`;
}

function groupsSection(queues) {
  const withGroups = queues.filter((s) => (s.groups ?? []).length > 0);
  if (withGroups.length === 0) return '';
  return `<h3>Largest groups by backlog</h3><ul class="groups">${withGroups
    .map((s) => `<li><strong>${esc(s.queueName)}</strong>: ${s.groups.map((g) => `${esc(g.groupId)} ${count(g.waiting)}`).join(', ')}</li>`)
    .join('')}</ul>`;
}

// Queues spread over several partitions (getStats with partitions): one small table each.
function partitionsSection(queues) {
  const spread = queues.filter((s) => (s.partitions ?? []).length > 1);
  if (spread.length === 0) return '';
  return `<h3>Counts per partition</h3>${spread.map(partitionTable).join('')}`;
}

function partitionTable(s) {
  const rows = s.partitions
    .map(({ partition, counts: c }) => `<tr><th scope="row">${partition}</th><td>${count(c.readyMessages)}</td><td>${count(c.delayedMessages)}</td><td>${count(c.processingMessages)}</td><td>${count(c.failedMessages)}</td></tr>`)
    .join('');
  return `<div class="scroll parts"><table class="partitions" data-partitions="${esc(s.queueName)}">
<caption>${esc(s.queueName)} <span class="muted">(${s.partitions.length} partitions)</span></caption>
<thead><tr><th scope="col">Partition</th><th scope="col">Ready</th><th scope="col">Delayed</th><th scope="col">Processing</th><th scope="col">Dead</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export function activityList(events) {
  if (events.length === 0) return '<p class="muted" id="activity">Nothing yet: events show here as they happen.</p>';
  return `<ol class="activity" id="activity">${events
    .map((e) => `<li data-event="${esc(e.event)}" data-id="${esc(e.id)}">${time(e.at)} <span class="ev ev-${esc(e.event)}">${EVENT_NAMES[e.event] ?? esc(e.event)}</span> <a href="${messageHref(e.queueName, e.id)}">${esc(e.id)}</a> <span class="muted">${esc(e.type)} in ${esc(e.queueName)}</span></li>`)
    .join('')}</ol>`;
}

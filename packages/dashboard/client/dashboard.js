// The page: routes on the hash, renders a view, refreshes it on live events and runs the actions.
import { act, getMessage, getOverview, listMessages, purge, searchMessages, setPaused } from './api.js';
import { confirmAction, say } from './dialogs.js';
import { parseRoute, queueHref } from './format.js';
import { lastEventOf, recent, startLive } from './live.js';
import { renderMessage } from './message-view.js';
import { activityList, renderOverview } from './overview-view.js';
import { renderQueue, searchFilter } from './queue-view.js';

const main = document.getElementById('main');
let route = parseRoute(location.hash);
let rendering = null;
let again = false;

/** Renders the current route; a request while one runs renders once more after it. */
async function render(focus = false) {
  if (rendering !== null) {
    again = true;
    return rendering;
  }
  rendering = (async () => {
    try {
      const html = await viewHtml(route);
      // Keep what the user is typing, has selected and has focused across a live refresh.
      const selected = new Set([...main.querySelectorAll('input[name=select]:checked')].map((i) => i.value));
      const typed = focus ? [] : [...main.querySelectorAll('form.search input')].map((i) => [i.name, i.value]);
      const active = document.activeElement;
      const activeKey = main.contains(active) ? focusKey(active) : null;
      main.innerHTML = html;
      for (const box of main.querySelectorAll('input[name=select]')) box.checked = selected.has(box.value);
      for (const [name, value] of typed) {
        const input = main.querySelector(`form.search input[name="${name}"]`);
        if (input !== null) input.value = value;
      }
      if (activeKey !== null && !focus) [...main.querySelectorAll('a, button, input')].find((e) => focusKey(e) === activeKey)?.focus();
      const heading = main.querySelector('h1');
      if (focus && heading !== null) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
      main.dataset.view = route.view;
    } catch (error) {
      say(`Could not load: ${error.message}`, true);
    }
  })();
  await rendering;
  rendering = null;
  if (again) {
    again = false;
    await render();
  }
}

/** What identifies a focusable element across two renders of the same view. */
function focusKey(e) {
  return `${e.tagName}|${e.getAttribute('name') ?? ''}|${e.getAttribute('value') ?? ''}|${e.dataset.action ?? ''}|${e.getAttribute('href') ?? ''}`;
}

async function viewHtml(r) {
  if (r.view === 'overview') return renderOverview(await getOverview());
  if (r.view === 'message') {
    let message = null;
    try {
      message = (await getMessage(r.queueName, r.id)).message;
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    return renderMessage({ queueName: r.queueName, id: r.id, message, seen: lastEventOf.get(r.id) });
  }
  const filter = searchFilter(r.params);
  const cursor = r.params.get('cursor') ?? undefined;
  const [overview, page] = await Promise.all([
    getOverview(),
    filter === null ? listMessages(r.queueName, r.params.get('state') ?? 'ready', cursor) : searchMessages(r.queueName, { ...filter, ...(cursor ? { cursor } : {}) }),
  ]);
  const stats = overview.queues.find((q) => q.queueName === r.queueName);
  const history = overview.history.find((h) => h.queueName === r.queueName);
  return renderQueue({ queueName: r.queueName, params: r.params, stats, history, page, filter });
}

window.addEventListener('hashchange', () => {
  route = parseRoute(location.hash);
  void render(true);
});

startLive(
  (events) => {
    const list = main.querySelector('#activity');
    // The list first, at once; the counts follow with the next read.
    if (route.view === 'overview' && list !== null) list.outerHTML = activityList(recent);
    const relevant = route.view === 'overview' || events.some((e) => e.queueName === route.queueName && (route.view === 'queue' || e.id === route.id));
    if (relevant) scheduleRender();
  },
  () => void render(),
);

let pending;
function scheduleRender() {
  clearTimeout(pending);
  pending = setTimeout(() => void render(), 150);
}

main.addEventListener('submit', (e) => {
  const form = e.target.closest('form.search');
  if (form === null) return;
  e.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value).trim() !== '') params.set(name, String(value).trim());
  location.hash = queueHref(form.dataset.queue, params).slice(1);
});

main.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  if (button === null || route.view === 'overview') return;
  void runAction(button.dataset.action, button).catch((error) => say(error.message, true));
});

async function runAction(action, button) {
  const queueName = route.queueName;
  const selected = [...main.querySelectorAll('input[name=select]:checked')].map((i) => i.value);
  const one = button.closest('[data-id]')?.dataset.id;
  const report = (verb, r) => say(`${verb} ${r.done}${r.notFound ? `, ${r.notFound} not found` : ''}${r.wrongState ? `, ${r.wrongState} in another state` : ''}.`);
  const needSelection = () => {
    if (selected.length === 0) throw new Error('Select messages first.');
    return { ids: selected };
  };
  switch (action) {
    case 'pause':
    case 'resume':
      await setPaused(queueName, action === 'pause');
      say(`${queueName} ${action === 'pause' ? 'paused' : 'resumed'}.`);
      break;
    case 'purge':
      if (!(await confirmAction(`Purge ${queueName}: every waiting and in-flight message is removed (dead letters stay).`, queueName))) return;
      say(`Purged ${(await purge(queueName)).purged} messages from ${queueName}.`);
      break;
    case 'replay-selected':
      report('Replayed', await act(queueName, 'replay', needSelection()));
      break;
    case 'promote-selected':
      report('Promoted', await act(queueName, 'promote', needSelection()));
      break;
    case 'delete-selected': {
      const target = needSelection();
      if (!(await confirmAction(`Delete ${selected.length} message(s) from ${queueName}?`))) return;
      report('Deleted', await act(queueName, 'delete', target));
      break;
    }
    case 'replay-all':
      report('Replayed', await act(queueName, 'replay', { all: true }));
      break;
    case 'delete-all':
      if (!(await confirmAction(`Delete every dead letter of ${queueName}?`, queueName))) return;
      report('Deleted', await act(queueName, 'delete', { filter: { state: 'dead' } }));
      break;
    case 'replay-one':
      report('Replayed', await act(queueName, 'replay', { ids: [one] }));
      break;
    case 'promote-one':
      report('Promoted', await act(queueName, 'promote', { ids: [one] }));
      break;
    case 'delete-one':
      if (!(await confirmAction(`Delete message ${one}?`))) return;
      report('Deleted', await act(queueName, 'delete', { ids: [one] }));
      break;
    default:
      return;
  }
  await render();
}

void render();

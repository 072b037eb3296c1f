// Live updates: the server's event stream, with polling as the fallback while it is down.
import { base, pollMs } from './api.js';

const RECENT = 40;
/** The latest events, newest first, and the last event per message id. */
export const recent = [];
export const lastEventOf = new Map();

/**
 * Calls onActivity(events) for each batch the server pushes, and onTick() every pollMs while the
 * stream is down (or every 6 × pollMs while it is up: other processes' work only shows in the stats).
 */
export function startLive(onActivity, onTick) {
  const status = document.getElementById('live');
  let live = false;
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      onTick();
      schedule();
    }, live ? pollMs * 6 : pollMs);
  };
  const show = (text, state) => {
    if (status === null) return;
    status.textContent = text;
    status.dataset.state = state;
  };
  if (typeof EventSource !== 'function') {
    show('polling', 'polling');
    schedule();
    return;
  }
  const source = new EventSource(`${base}/api/events`);
  source.addEventListener('hello', () => {
    live = true;
    show('live', 'live');
    schedule();
  });
  source.addEventListener('activity', (e) => {
    const { events } = JSON.parse(e.data);
    for (const event of events) {
      recent.unshift(event);
      lastEventOf.set(event.id, event);
    }
    recent.splice(RECENT);
    onActivity(events);
  });
  source.addEventListener('error', () => {
    if (!live && status?.dataset.state === 'polling') return;
    live = false;
    show('polling (live updates reconnecting)', 'polling');
    schedule();
  });
  schedule();
}

// Inline SVG charts of the last hour (one bar per minute), with a text summary for screen readers.
import { esc } from './format.js';

const WIDTH = 240;
const HEIGHT = 48;

/** Bars of `values` (oldest first); `label` names the chart, `summary` is what a reader hears. */
export function barChart(values, label, summary) {
  const max = Math.max(1, ...values);
  const step = WIDTH / values.length;
  const bars = values
    .map((v, i) => {
      if (v <= 0) return '';
      const h = Math.max(1, (v / max) * (HEIGHT - 4));
      return `<rect x="${(i * step).toFixed(1)}" y="${(HEIGHT - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h.toFixed(1)}"></rect>`;
    })
    .join('');
  return `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${esc(`${label}: ${summary}`)}"><line x1="0" y1="${HEIGHT - 0.5}" x2="${WIDTH}" y2="${HEIGHT - 0.5}"></line>${bars}</svg><figcaption>${esc(label)} <span>${esc(summary)}</span></figcaption></figure>`;
}

/** Sums the minutes of several queues' histories, minute by minute. */
export function sumMinutes(histories) {
  const minutes = histories[0]?.minutes.map((m) => ({ ...m })) ?? [];
  for (const history of histories.slice(1)) {
    history.minutes.forEach((m, i) => {
      const total = minutes[i];
      if (total === undefined) return;
      total.enqueued += m.enqueued;
      total.completed += m.completed;
      total.deadLettered += m.deadLettered;
      total.durationMsTotal += m.durationMsTotal;
      total.durationMsMax = Math.max(total.durationMsMax, m.durationMsMax);
    });
  }
  return minutes;
}

/** Throughput (completed per minute) and mean latency (take to ack) charts of one history. */
export function historyCharts(minutes) {
  if (minutes.length === 0) return '<p class="muted">No activity seen by this process in the last hour.</p>';
  const completed = minutes.map((m) => m.completed);
  const enqueued = minutes.map((m) => m.enqueued);
  const latency = minutes.map((m) => (m.completed === 0 ? 0 : m.durationMsTotal / m.completed));
  const total = (values) => values.reduce((a, b) => a + b, 0);
  const doneTotal = total(completed);
  const meanLatency = doneTotal === 0 ? 0 : total(minutes.map((m) => m.durationMsTotal)) / doneTotal;
  return [
    barChart(enqueued, 'Enqueued per minute', `${total(enqueued)} in the last hour`),
    barChart(completed, 'Completed per minute', `${doneTotal} in the last hour, ${total(minutes.map((m) => m.deadLettered))} dead-lettered`),
    barChart(latency, 'Mean processing time', doneTotal === 0 ? 'none completed' : `${Math.round(meanLatency)} ms over the hour`),
  ].join('');
}

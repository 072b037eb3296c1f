export { createDashboard, DEFAULT_POLL_INTERVAL_MS } from './create-dashboard.js';
export type { Dashboard } from './create-dashboard.js';
export type { DashboardAuthorize, DashboardOptions } from './dashboard-options.js';
export { CSRF_HEADER } from './csrf-guard.js';
export { ActivityHistory } from './activity-history.js';
export type { MinuteBucket, QueueHistory } from './activity-history.js';
export type { FeedEvent } from './live-feed.js';

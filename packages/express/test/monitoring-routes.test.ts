import { monitoringRoutesSuite } from './suites/monitoring-routes-suite.js';

monitoringRoutesSuite();

import { unmatchedRoutesSuite } from './suites/unmatched-routes-suite.js';

unmatchedRoutesSuite();

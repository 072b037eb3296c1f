import { publishRoutesSuite } from './suites/publish-routes-suite.js';

publishRoutesSuite();

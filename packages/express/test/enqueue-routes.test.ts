import { enqueueRoutesSuite } from './suites/enqueue-routes-suite.js';

enqueueRoutesSuite();

import { managementRoutesSuite } from './suites/management-routes-suite.js';

managementRoutesSuite();

import { demoSuite } from './suites/demo-suite.js';

demoSuite();

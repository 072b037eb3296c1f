import { contractOn } from './support/contract-on.js';

// The main target: fauxqs 1.9 (JSON protocol of the current SDK), its clock bridged to the test's ManualClock.
contractOn('fauxqs');

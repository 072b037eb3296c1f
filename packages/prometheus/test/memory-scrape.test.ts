import { createInMemoryQueue } from '@mq/memory';
import { scrapeSuite } from './suites/scrape-suite.js';

scrapeSuite('memory', (retry) => createInMemoryQueue({ retry }));

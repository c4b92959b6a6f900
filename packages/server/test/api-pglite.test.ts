import { startServer } from '../src/index.ts';
import { apiSuite, SITES } from './api-suite.ts';

apiSuite('PGlite', () => startServer({ port: 0, memory: true, sites: SITES, onInternalError: () => undefined }));

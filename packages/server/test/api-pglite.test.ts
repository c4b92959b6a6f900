import { startServer } from '../src/index.ts';
import { apiSuite, SITES } from './api-suite.ts';
import { answersEventsSuite } from './answers-events-suite.ts';
import { feedbackSuite } from './feedback-suite.ts';

apiSuite('PGlite', () => startServer({ port: 0, memory: true, sites: SITES, onInternalError: () => undefined }));
feedbackSuite('PGlite', () =>
  startServer({
    port: 0,
    memory: true,
    sites: SITES,
    rateLimit: { writesPerIp: 10_000 },
    onInternalError: () => undefined,
  }),
);
answersEventsSuite('PGlite', () =>
  startServer({
    port: 0,
    memory: true,
    sites: SITES,
    rateLimit: { writesPerIp: 10_000 },
    onInternalError: () => undefined,
  }),
);

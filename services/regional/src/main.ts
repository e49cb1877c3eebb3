import { runAgencyService } from '@tracebridge/reporting';
import { runMain } from '@tracebridge/server';

runMain(() => runAgencyService('LIAISON', { port: 4006, agencies: 'WA-LIAISON' }));

import { runAgencyService } from '@tracebridge/reporting';
import { runMain } from '@tracebridge/server';

runMain(() => runAgencyService('BORDER', { port: 4004, agencies: 'GH-BORDER,BF-BORDER' }));

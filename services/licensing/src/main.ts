import { runAgencyService } from '@tracebridge/reporting';
import { runMain } from '@tracebridge/server';

runMain(() => runAgencyService('LICENSING', { port: 4007, agencies: 'GH-LICENSING,TG-LICENSING' }));

import { runAgencyService } from '@tracebridge/reporting';
import { runMain } from '@tracebridge/server';

runMain(() => runAgencyService('CUSTOMS', { port: 4002, agencies: 'GH-CUSTOMS,TG-CUSTOMS' }));

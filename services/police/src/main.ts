import { runAgencyService } from '@tracebridge/reporting';
import { runMain } from '@tracebridge/server';

runMain(() => runAgencyService('POLICE', { port: 4003, agencies: 'GH-POLICE,TG-POLICE' }));

import { runAgencyService } from '@tracebridge/reporting';

runAgencyService('POLICE', { port: 4003, agencies: 'GH-POLICE,TG-POLICE' }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

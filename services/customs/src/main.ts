import { runAgencyService } from '@tracebridge/reporting';

runAgencyService('CUSTOMS', { port: 4002, agencies: 'GH-CUSTOMS,TG-CUSTOMS' }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

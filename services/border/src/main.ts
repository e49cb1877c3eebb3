import { runAgencyService } from '@tracebridge/reporting';

runAgencyService('BORDER', { port: 4004, agencies: 'GH-BORDER,BF-BORDER' }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbargoFile } from '@tracebridge/contracts';
import type { EmbargoRegime } from '@tracebridge/domain';

/** The UN arms embargo list shipped with the project; operators point TB_EMBARGO_FILE elsewhere. */
export const defaultEmbargoFile = join(import.meta.dirname, '..', '..', 'domain', 'data', 'un-arms-embargoes.json');

/** Read and validate an embargo file; a bad file stops start-up with zod's paths. */
export function loadEmbargoRegimes(file: string = defaultEmbargoFile): EmbargoRegime[] {
  return EmbargoFile.parse(JSON.parse(readFileSync(file, 'utf8'))).regimes;
}

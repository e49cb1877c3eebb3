import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbargoFile } from '@tracebridge/contracts';

/** A UN arms embargo regime as the embargo file lists it (domain's screening reads the same shape). */
export type EmbargoRegimeRecord = EmbargoFile['regimes'][number];

/**
 * The UN arms embargo list shipped with the project (beside the screening rules in packages/domain, which
 * do no I/O); operators point TB_EMBARGO_FILE elsewhere. Every service that screens or shows embargoes
 * loads it from here.
 */
export const defaultEmbargoFile = join(import.meta.dirname, '..', '..', 'domain', 'data', 'un-arms-embargoes.json');

/** Read and validate an embargo file; a bad file stops start-up with zod's paths. */
export function loadEmbargoRegimes(file: string = defaultEmbargoFile): EmbargoRegimeRecord[] {
  return EmbargoFile.parse(JSON.parse(readFileSync(file, 'utf8'))).regimes;
}

import { readFileSync } from 'node:fs';
import { EmbargoFile } from '@tracebridge/contracts';
import { shippedEmbargoRegimes } from '@tracebridge/domain';

/** A UN arms embargo regime as the embargo file lists it (domain's screening reads the same shape). */
export type EmbargoRegimeRecord = EmbargoFile['regimes'][number];

/**
 * The embargo list a service screens with: the operator's file
 * (TB_EMBARGO_FILE) when one is named, else the list shipped with the
 * screening rules in packages/domain. A bad file stops start-up with zod's paths.
 */
export function loadEmbargoRegimes(file?: string): EmbargoRegimeRecord[] {
  if (!file) return shippedEmbargoRegimes();
  return EmbargoFile.parse(JSON.parse(readFileSync(file, 'utf8'))).regimes;
}

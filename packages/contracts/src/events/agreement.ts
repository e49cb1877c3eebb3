import { z } from 'zod';
import { Tlp } from '../handling';
import { AgencyId, IsoDateTime, isoMillis, Text, Uuid } from '../primitives';
import { RecordFamily } from './case';

/**
 * Sharing agreements in the directory (ADR 11). An agency opens its own
 * records to partners on stated terms and with a legal basis; creating and
 * revoking one are events of that agency, signed by it, on stream
 * `agreement-<agreementId>` of its own store. The agreement's originator is
 * the event's originator: an agency can only ever open its own records.
 */
export const agreementStreamId = (agreementId: string): string => `agreement-${agreementId}`;

/** The terms, as `createSharingAgreement` takes them and `SharingAgreementCreated` carries them. */
export const agreementTermsShape = {
  /** Agencies, or groups whose member agencies are meant (directory ids); 1 to 50, each once. */
  parties: z.array(AgencyId).min(1).max(50),
  /** The record families opened (SEIZURE, STOCKPILE_LOSS, TRACE), each once. */
  families: z.array(RecordFamily).min(1).max(RecordFamily.options.length),
  /** Records of this TLP level or a lower one are opened (CLEAR < GREEN < AMBER < AMBER_STRICT < RED). */
  tlpCeiling: Tlp,
  /** Whether the parties may also see person identities (names, documents): an agreement is the only way they reach another agency. */
  includePersons: z.boolean(),
  /** The legal instrument the sharing rests on (a treaty, an MoU, a national law article). */
  legalBasis: Text(1000),
  /** When the agreement comes into force. */
  validFrom: IsoDateTime,
  /** When it lapses (not included); open-ended without one. */
  validUntil: IsoDateTime.optional(),
};

interface TermsLike {
  parties: readonly string[];
  families: readonly string[];
  validFrom: string;
  validUntil?: string | undefined;
}

/** The rules of terms no single field can check: each party and family once, and a validity that ends after it starts. */
export function checkAgreementTerms(terms: TermsLike, ctx: z.RefinementCtx): void {
  if (new Set(terms.parties).size !== terms.parties.length) ctx.addIssue({ code: 'custom', message: 'each party is named once', path: ['parties'] });
  if (new Set(terms.families).size !== terms.families.length) ctx.addIssue({ code: 'custom', message: 'each family is named once', path: ['families'] });
  if (terms.validUntil !== undefined && !(isoMillis(terms.validUntil) > isoMillis(terms.validFrom))) {
    ctx.addIssue({ code: 'custom', message: 'validUntil must be after validFrom', path: ['validUntil'] });
  }
}

export const AgreementTerms = z.object(agreementTermsShape).superRefine(checkAgreementTerms);
export type AgreementTerms = z.infer<typeof AgreementTerms>;

/** An agency opens its own records on these terms. The agreement's id is a fresh random id (the stream's). */
export const SharingAgreementCreated = z.object({ agreementId: Uuid, ...agreementTermsShape }).superRefine(checkAgreementTerms);

/** The originator revokes its agreement: it stops opening anything at once, for good. */
export const SharingAgreementRevoked = z.object({ agreementId: Uuid, reason: Text(1000).optional() });

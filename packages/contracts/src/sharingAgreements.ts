import { z } from 'zod';
import { agreementTermsShape, checkAgreementTerms } from './events/agreement';
import { Tlp } from './handling';
import { AgencyId, IsoDateTime, Uuid } from './primitives';

/**
 * What the access policy reads besides a record and its viewer: the
 * originators' sharing agreements (domain.md, "Handling and access"), in
 * three kinds, told apart by `effect`:
 *
 * - `AGREEMENT`: an agreement of the directory (ADR 11), created and revoked
 *   by events of its originator; it opens the originator's records of the
 *   named families, at or below a TLP ceiling, to the parties, and person
 *   identities too when `includePersons`. Only the agreements in force count
 *   (`agreementsInForce` in packages/policy).
 * - `SHARE` (the operator's file, interim): opens the originator's records of
 *   the listed TLP levels, of every family, to an agency or a group's members,
 *   never person identities. Kept readable as it is: turning one into an
 *   `AGREEMENT` would need a legal basis and a start the file never had, and a
 *   ceiling would widen a list such as `[RED]`.
 * - `WITHHOLD` (the operator's file): keeps all of an originator's records,
 *   the fact that it holds a matching serial, and person identities from an
 *   agency or a group's members, whatever else would allow it. No event
 *   stands for it.
 */
export const ShareAgreement = z.object({
  id: AgencyId,
  effect: z.literal('SHARE'),
  originator: AgencyId,
  /** An agency id, or a group id that agencies belong to in the directory. */
  with: AgencyId,
  tlp: z.array(Tlp).min(1).max(5),
});

export const WithholdAgreement = z
  .object({
    id: AgencyId,
    effect: z.literal('WITHHOLD'),
    originator: AgencyId,
    /** An agency id, or a group id. */
    from: AgencyId,
  })
  .refine((a) => a.from !== a.originator, { message: 'an originator cannot withhold its records from itself', path: ['from'] });

/** An agreement of the directory as the policy and the views read it: its creation event's terms, its originator, and when it was revoked. */
export const DirectoryAgreement = z
  .object({
    /** The `agreementId` of its events. */
    id: Uuid,
    effect: z.literal('AGREEMENT'),
    /** The agency whose records it opens: the originator of its events. */
    originator: AgencyId,
    ...agreementTermsShape,
    /** When its originator revoked it (the revocation's `occurredAt`); a revoked agreement is never in force again. */
    revokedAt: IsoDateTime.optional(),
  })
  .superRefine(checkAgreementTerms);
export type DirectoryAgreement = z.infer<typeof DirectoryAgreement>;

/** The entries of the operator's agreements file (TB_SHARING_AGREEMENTS_FILE): WITHHOLD, and SHARE as the interim design had it. */
export const FileAgreement = z.discriminatedUnion('effect', [ShareAgreement, WithholdAgreement]);
export type FileAgreement = z.infer<typeof FileAgreement>;

/** Every kind of agreement the access policy reads. */
export const SharingAgreement = z.discriminatedUnion('effect', [ShareAgreement, WithholdAgreement, DirectoryAgreement]);
export type SharingAgreement = z.infer<typeof SharingAgreement>;

/** What the hub sends an agency's service to create or revoke one of its agreements, for its officer (ADR 11). */
export const AgreementCommandBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CreateSharingAgreement'), data: z.object({ agreementId: Uuid, ...agreementTermsShape }) }),
  z.object({ type: z.literal('RevokeSharingAgreement'), data: z.object({ agreementId: Uuid, reason: z.string().trim().min(1).max(1000).optional() }) }),
]);
export type AgreementCommandBody = z.input<typeof AgreementCommandBody>;

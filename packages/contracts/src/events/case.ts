import { z } from 'zod';
import { AgencyId, Text, Uuid } from '../primitives';

/**
 * Cross-border cases (ADR 9). Each act is an event of the acting agency,
 * signed by it, on stream `case-<caseId>` of its own store; the case is what
 * the hub projects from all of them. A case's own handling is the handling
 * of its `CaseOpened` envelope; a note's, its `CaseNoteAdded` envelope's.
 */
export const CaseOpened = z.object({
  caseId: Uuid,
  title: Text(200),
  summary: Text(4000),
});

/** The opener invites an agency (of any state) to take part. */
export const CaseInvitationSent = z.object({ caseId: Uuid, agency: AgencyId });

/** The invited agency accepts (becomes an active participant) or declines. */
export const CaseInvitationAnswered = z.object({ caseId: Uuid, accept: z.boolean() });

/** An active participant leaves; what it attached stays, as its holders decided. */
export const CaseLeft = z.object({ caseId: Uuid });

/** The families of records: what a case can carry (a case itself is never attached), and what an agreement opens (CASE: cases and their notes; ROUTE: analysts' route observations; BROKER: broker registry entries). */
export const RecordFamily = z.enum(['SEIZURE', 'STOCKPILE_LOSS', 'TRACE', 'CASE', 'ROUTE', 'BROKER']);
export type RecordFamily = z.infer<typeof RecordFamily>;

/** What a participant sees of an attachment: shared, waiting for its holder's consent, refused, or withdrawn by its holder. */
export const AttachmentStatus = z.enum(['SHARED', 'AWAITING_CONSENT', 'REFUSED', 'WITHDRAWN']);
export type AttachmentStatus = z.infer<typeof AttachmentStatus>;

/**
 * An active participant attaches a record. Attaching never widens who sees
 * it: unless the attacher is its holder, or every active participant may see
 * it already (and it is not H2), it awaits the holder's consent — the
 * attachment is then a share request to the holder.
 */
export const RecordAttachedToCase = z.object({
  caseId: Uuid,
  attachmentId: Uuid,
  record: z.object({ id: z.string().min(1).max(100), family: RecordFamily, holder: AgencyId }),
  status: z.enum(['SHARED', 'AWAITING_CONSENT']),
});

/** An active participant's note; its handling is the envelope's. */
export const CaseNoteAdded = z.object({ caseId: Uuid, noteId: Uuid, text: Text(4000) });

/** The holder of an attached record grants or refuses the case's participants access to it. */
export const CaseShareDecided = z.object({ caseId: Uuid, attachmentId: Uuid, grant: z.boolean(), reason: Text(1000).optional() });

/** The holder withdraws a shared attachment: the case's participants lose access to it at once. */
export const CaseShareWithdrawn = z.object({ caseId: Uuid, attachmentId: Uuid });

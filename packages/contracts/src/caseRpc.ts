import { z } from 'zod';
import { AttachmentStatus, CaseInvitationAnswered, CaseLeft, CaseOpened, CaseShareDecided, CaseShareWithdrawn, RecordFamily } from './events/case';
import { Handling, Originator } from './handling';
import { AgencyId, Text, Uuid } from './primitives';

/**
 * What the hub sends an agency's service to decide a case command for its
 * officer (ADR 9): the command, the facts only the hub's policy knows, and
 * the case as the hub has projected it from every participant's events. The
 * service decides with the one case decider, signs and appends; the hub
 * checks the event again when it arrives.
 */
const ParticipantStatus = z.enum(['INVITED', 'ACTIVE', 'DECLINED', 'LEFT']);

export const CaseStateDto = z.object({
  caseId: Uuid.nullable(),
  opener: Originator.nullable(),
  handling: Handling.nullable(),
  participants: z.record(AgencyId, ParticipantStatus),
  attachments: z.record(Uuid, z.object({ recordId: z.string().min(1).max(100), family: RecordFamily, holder: AgencyId, status: AttachmentStatus })),
  notes: z.number().int().min(0),
});
export type CaseStateDto = z.infer<typeof CaseStateDto>;

export const CaseCommandBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OpenCase'), data: CaseOpened.extend({ handling: Handling }) }),
  z.object({ type: z.literal('InviteToCase'), data: z.object({ caseId: Uuid, agency: AgencyId, inviteeMaySeeCase: z.boolean() }) }),
  z.object({ type: z.literal('RespondToCaseInvitation'), data: CaseInvitationAnswered }),
  z.object({ type: z.literal('LeaveCase'), data: CaseLeft }),
  z.object({
    type: z.literal('AttachToCase'),
    data: z.object({
      caseId: Uuid,
      attachmentId: Uuid,
      record: z.object({ id: z.string().min(1).max(100), family: RecordFamily, holder: AgencyId, handlingCode: z.string().max(4) }),
      attacherMaySee: z.boolean(),
      everyParticipantMaySee: z.boolean(),
    }),
  }),
  z.object({ type: z.literal('AddCaseNote'), data: z.object({ caseId: Uuid, noteId: Uuid, text: Text(4000), handling: Handling }) }),
  z.object({ type: z.literal('DecideShareRequest'), data: CaseShareDecided }),
  z.object({ type: z.literal('WithdrawShare'), data: CaseShareWithdrawn }),
]);
export type CaseCommandBody = z.input<typeof CaseCommandBody>;

export const CaseCommandRequest = z.object({ command: CaseCommandBody, state: CaseStateDto });
/** As the hub sends it (defaults of handling may be left out). */
export type CaseCommandRequest = z.input<typeof CaseCommandRequest>;

/** The ids of the events appended, or the refusal with its stable code and the offending path. */
export const CaseCommandReply = z.object({
  ok: z.object({ eventIds: z.array(z.string()).max(10) }).optional(),
  error: z.object({ code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() }).optional(),
});
export type CaseCommandReply = z.infer<typeof CaseCommandReply>;

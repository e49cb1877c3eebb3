import { z } from 'zod';
import { ImportMarking, Serial, WeaponCategory } from '../items';
import { AgencyId, CountryCode, IsoDateTime, Text, Uuid } from '../primitives';

/**
 * Tracing requests between states (PoA II.10, II.36, III.11; the
 * International Tracing Instrument). Each act is an event of the acting
 * agency, signed by it, on stream `trace-<traceId>` of its own store (as for
 * cases, ADR 9): `TraceRequested` and `TraceEscalated` by the requesting
 * agency, `TraceAcknowledged`, `TraceAnswered` and `TraceDeclined` by the
 * addressed state's point of contact. The trace is what the hub projects
 * from all of them.
 *
 * Handling: every trace event is TLP AMBER_STRICT with handling code H2 (no
 * further dissemination without permission), released to the requesting
 * agency and the addressed point of contact (and, from its escalation on,
 * the regional liaison point). That is the floor the generic access policy
 * sees; the hub's own rule for traces (requester, the addressed state's
 * agencies, the region's liaison point) is what serves them.
 */

/** Why this state is asked: it made the weapon, it last imported it legally, or another link. */
export const TraceBasis = z.enum(['COUNTRY_OF_MANUFACTURE', 'LAST_LEGAL_IMPORT', 'OTHER']);
export type TraceBasis = z.infer<typeof TraceBasis>;

/** Urgent requests carry a reason and a shorter deadline (`TB_TRACE_DEADLINE_URGENT`). */
export const TracePriority = z.enum(['ROUTINE', 'URGENT']);
export type TracePriority = z.infer<typeof TracePriority>;

/** SENT → ACKNOWLEDGED → ANSWERED or UNABLE_TO_TRACE; an answer or a decline may also come straight from SENT. */
export const TraceStatus = z.enum(['SENT', 'ACKNOWLEDGED', 'ANSWERED', 'UNABLE_TO_TRACE']);
export type TraceStatus = z.infer<typeof TraceStatus>;

/**
 * The traced weapon as the requester's seizure recorded it, under the names
 * an `Item` uses: its markings, type and calibre. Never person data: a
 * tracing request goes to another state, and person data stays national.
 */
export const TracedItem = z.object({
  category: WeaponCategory.optional(),
  manufacturer: Text(120).optional(),
  model: Text(120).optional(),
  calibre: Text(40).optional(),
  serial: Serial.optional(),
  serialObliterated: z.boolean(),
  countryOfManufacture: CountryCode.optional(),
  importMarking: ImportMarking.optional(),
  otherMarkings: Text(500).optional(),
  stateOwnershipMark: Text(200).optional(),
});
export type TracedItem = z.infer<typeof TracedItem>;

/** A requesting agency asks the addressed state's point of contact to trace one item of its seizure. */
export const TraceRequested = z
  .object({
    traceId: Uuid,
    seizureId: Uuid,
    itemId: Uuid,
    item: TracedItem,
    basis: TraceBasis,
    priority: TracePriority,
    /** Required with URGENT, absent otherwise. */
    urgencyReason: Text(1000).optional(),
    /** How and where the weapon was found. */
    circumstances: Text(4000),
    /** Why it is considered illicit. */
    illicitReason: Text(2000),
    /** What the requester will use the information for. */
    intendedUse: Text(2000),
    /** Confidentiality and use restrictions on the request and its answer. */
    restrictions: Text(1000).optional(),
    /** The cross-border case the trace belongs to, if any. */
    caseId: Uuid.optional(),
    requesterState: CountryCode,
    addressedState: CountryCode,
    /** The addressed state's point of contact (directory), the only agency that acknowledges, answers or declines. */
    pointOfContact: AgencyId,
    /** When the answer is due: the request's time plus the configured duration for its priority. */
    deadline: IsoDateTime,
  })
  .refine((t) => (t.priority === 'URGENT') === (t.urgencyReason !== undefined), {
    message: 'an urgent request carries its reason, a routine one none',
    path: ['urgencyReason'],
  });

/** The point of contact has received the request and works on it; the deadline still runs. */
export const TraceAcknowledged = z.object({ traceId: Uuid });

/** What the addressed state found (at least one finding; a trace with none is declined instead). */
export const TraceFindings = z
  .object({
    lastLegalHolder: Text(500).optional(),
    exportHistory: Text(4000).optional(),
    importHistory: Text(4000).optional(),
    comments: Text(4000).optional(),
  })
  .refine((f) => Object.values(f).some((v) => v !== undefined), { message: 'an answer carries at least one finding' });
export type TraceFindings = z.infer<typeof TraceFindings>;

/** The point of contact answers: the trace is ANSWERED. */
export const TraceAnswered = z.object({ traceId: Uuid, findings: TraceFindings });

/** The point of contact cannot trace the weapon, and says why: the trace is UNABLE_TO_TRACE. */
export const TraceDeclined = z.object({ traceId: Uuid, reason: Text(2000) });

/** The requester escalates an overdue trace to the region's liaison point (once); `deadline` is the one that was missed. */
export const TraceEscalated = z.object({ traceId: Uuid, to: AgencyId, deadline: IsoDateTime });

/** The stream a trace's events are on, in each agency's own store. */
export const traceStreamId = (traceId: string): string => `trace-${traceId}`;

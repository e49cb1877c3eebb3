import { z } from 'zod';
import { TraceBasis, TracePriority, TraceStatus } from './events/trace';
import { Handling, Originator } from './handling';
import { Item } from './items';
import { AgencyId, CountryCode, IsoDateTime, Uuid } from './primitives';

/**
 * What the hub sends an agency's service to decide a tracing act (ADR 10),
 * as for cases (caseRpc.ts): the command, the facts the hub's directory
 * gives, and the trace as the hub has projected it. An escalation is the
 * hub's own request for the requesting agency (no officer: the deadline
 * passed), the only command sent without a viewer.
 */
const Free = (max: number) => z.string().max(max).optional();

export const TraceStateDto = z.object({
  traceId: Uuid.nullable(),
  requester: Originator.nullable(),
  addressedState: CountryCode.nullable(),
  pointOfContact: AgencyId.nullable(),
  priority: TracePriority.nullable(),
  deadline: IsoDateTime.nullable(),
  status: TraceStatus.nullable(),
  escalatedTo: AgencyId.nullable(),
  handling: Handling.nullable(),
});

export const TraceCommandBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RequestTrace'),
    data: z.object({
      traceId: Uuid,
      seizureId: Uuid,
      itemId: Uuid,
      /** The item as the seizure records it (the decider copies only what a trace carries). */
      item: Item.omit({ itemId: true, kind: true, quantity: true }).partial(),
      addressedState: CountryCode,
      basis: TraceBasis,
      priority: TracePriority,
      urgencyReason: Free(1000),
      circumstances: Free(4000),
      illicitReason: Free(2000),
      intendedUse: Free(2000),
      restrictions: Free(1000),
      caseId: Uuid.optional(),
      pointOfContact: AgencyId.nullable(),
    }),
  }),
  z.object({ type: z.literal('AcknowledgeTrace'), data: z.object({ traceId: Uuid }) }),
  z.object({
    type: z.literal('AnswerTrace'),
    data: z.object({ traceId: Uuid, findings: z.object({ lastLegalHolder: Free(500), exportHistory: Free(4000), importHistory: Free(4000), comments: Free(4000) }) }),
  }),
  z.object({ type: z.literal('DeclineTrace'), data: z.object({ traceId: Uuid, reason: z.string().max(2000) }) }),
  z.object({ type: z.literal('EscalateTrace'), data: z.object({ traceId: Uuid, regionalLiaisonPoint: AgencyId.nullable() }) }),
]);

export const TraceCommandRequest = z.object({ command: TraceCommandBody, state: TraceStateDto });
/** As the hub sends it. */
export type TraceCommandRequest = z.input<typeof TraceCommandRequest>;

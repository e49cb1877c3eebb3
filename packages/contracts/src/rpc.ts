import { z } from 'zod';
import { RecordFamily } from './events/case';
import { BrokerRef, Route } from './events/seizure';
import { RouteObserved } from './events/route';
import { Handling, Tlp } from './handling';
import { ItemKind, WeaponCategory } from './items';
import { AgencyId, CountryCode, IsoDateTime } from './primitives';

/**
 * What services ask each other over NATS request/reply, and the shape of
 * each body. The envelope around them — signatures, the viewer, binding a
 * reply to its request — is packages/identity's serviceMessages; these are
 * the bodies inside.
 */
export const rpcSubjects = {
  /** Agency services ask the hub to match a new report's serials. */
  serialCheck: 'tb.rpc.liaison.serial-check',
  /** The hub asks an agency's service for person identities, for one viewer. */
  persons: (agency: string) => `tb.rpc.${agency}.persons`,
  /** The hub asks an agency's service to record a disposition for its officer. */
  recordDisposition: (agency: string) => `tb.rpc.${agency}.record-disposition`,
  /** The hub asks an agency's service to decide, sign and append a case act of its officer (ADR 9). */
  caseCommand: (agency: string) => `tb.rpc.${agency}.case-command`,
  /** The hub asks an agency's service to create or revoke a sharing agreement of its own, for its officer (ADR 11). */
  agreementCommand: (agency: string) => `tb.rpc.${agency}.agreement-command`,
  /** The hub asks an agency's service to decide, sign and append a tracing act: its officer's, or an escalation (ADR 10). */
  traceCommand: (agency: string) => `tb.rpc.${agency}.trace-command`,
  /** The hub asks an agency's service to sign and append its analyst's route observation (issue 9). */
  routeCommand: (agency: string) => `tb.rpc.${agency}.route-command`,
  /** The hub asks a licensing authority's service to decide, sign and append a broker registry act of its officer (issue 9). */
  brokerCommand: (agency: string) => `tb.rpc.${agency}.broker-command`,
  /** The hub asks an agency's service which of its seizures share a person with one of them (keyed hashes, issue 9). */
  personLinks: (agency: string) => `tb.rpc.${agency}.person-links`,
  /** The hub asks an agency's relay how far its store goes and, for gap repair, to publish its events again (issue 10). */
  republish: (agency: string) => `tb.rpc.${agency}.republish`,
} as const;

/** A store position, as text (positions are 64-bit). */
const StorePosition = z.string().regex(/^\d{1,19}$/, 'must be a store position');

/** Gap repair: the last position the hub holds of the agency's chain, and whether to publish what follows it again (up to `upTo`, the end of the gap, when given). */
export const RepublishRequest = z.strictObject({ after: StorePosition, republish: z.boolean(), upTo: StorePosition.optional() });
/** The store position up to which JetStream acknowledged the agency's events; `started` when a re-publish began. */
export const RepublishReply = z.object({ head: StorePosition, started: z.boolean() });

/** The hub's service id in the trust registry. */
export const HUB_SERVICE = 'liaison';

export const HitDto = z.object({
  holder: z.object({ id: z.string(), country: z.string(), kind: z.string() }),
  recordId: z.string().nullable(),
  recordKind: z.enum(['SEIZURE', 'STOCKPILE_LOSS']),
  manufacturer: z.string(),
  serialNumber: z.string(),
});
export type HitDto = z.infer<typeof HitDto>;

/** The facts of a new seizure the hub checks at report time (issue 9); no person data. */
export const ReportFacts = z.object({
  occurredAt: IsoDateTime,
  state: CountryCode,
  route: Route.optional(),
  items: z
    .array(
      z.object({
        kind: ItemKind,
        category: WeaponCategory.optional(),
        manufacturer: z.string().max(120).optional(),
        model: z.string().max(120).optional(),
        serialNormalised: z.string().max(64).nullable().optional(),
      }),
    )
    .max(1000),
  brokers: z.array(BrokerRef).max(20).default([]),
});
export type ReportFacts = z.infer<typeof ReportFacts>;

/** What an agency service asks the hub when its officer reports: match these serials, and expect this new record. */
export const SerialCheckRequest = z.object({
  queries: z.array(z.object({ manufacturer: z.string().min(1).max(120), serialNormalised: z.string().min(1).max(64) })).max(1000),
  /** The record just reported: it is not its own hit, and its reporter may wait for it to reach the hub (read-your-writes). */
  reportedRecordId: z.string().max(100).default(''),
  /**
   * The reported record's handling. A hit notice tells another holder that this
   * agency holds a matching record, so it is sent only to holders the policy
   * lets know that much of the record; missing, the record is taken as RED.
   */
  reportedHandling: z.object({ tlp: Tlp, releasableTo: z.array(AgencyId).max(200) }).optional(),
  /**
   * The reported record's family (the policy reads it: an agreement opens the
   * families it names). Missing (an older service), a holder is told only if
   * the policy would let it know of the record whatever its family.
   */
  reportedFamily: RecordFamily.optional(),
  /**
   * What the hub's report checks read (issue 9): the new seizure's items,
   * brokers, route and date, for the broker-registry and diversion-cluster
   * warnings. Missing (an older service, a check by hand): no such warnings.
   */
  report: ReportFacts.optional(),
});
export type SerialCheckRequest = z.infer<typeof SerialCheckRequest>;

/** A warning the hub adds to a report's answer (BROKER_*, DIVERSION_CLUSTER, EMBARGO from a broker's licence). */
export const ReportWarningDto = z.object({ code: z.string().max(60), message: z.string().max(1000) });
export type ReportWarningDto = z.infer<typeof ReportWarningDto>;
export const SerialCheckReply = z.object({ hits: z.array(HitDto), warnings: z.array(ReportWarningDto).max(1000).default([]) });

/** A person linked to a seizure, as the originator's vault holds it: it travels only to the officers entitled to it, encrypted. */
export const PersonIdentity = z.object({
  personRef: z.string(),
  seizureId: z.string(),
  role: z.string(),
  name: z.string(),
  nationality: z.string().optional(),
  documentNumber: z.string().optional(),
});
export type PersonIdentity = z.infer<typeof PersonIdentity>;
export const PersonsRequest = z.object({
  seizureId: z.string().min(1).max(100),
  /**
   * The originator's directory agreements with includePersons the hub holds
   * in force (ADR 11): the service reads each from its own store (its own
   * signed events) and decides with them; an id it does not hold counts for nothing.
   */
  agreementIds: z.array(z.uuid()).max(50).default([]),
});
/** `null` when the viewer is not entitled to the identities. */
export const PersonsReply = z.object({ persons: z.array(PersonIdentity).nullable() });

export const DispositionRequest = z.object({ input: z.unknown() });
/** A recorded disposition, or the refusal with its stable code and the offending input path. */
export const DispositionReply = z.object({
  ok: z.object({ seizureId: z.string(), itemId: z.string(), disposition: z.string(), date: z.string(), method: z.string().optional() }).optional(),
  error: z.object({ code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() }).optional(),
});
export type DispositionReply = z.infer<typeof DispositionReply>;

/** The hub asks which other seizures of the originator share a person with this one (issue 9: matched on keyed hashes of document numbers, by the originator). */
export const PersonLinksRequest = z.object({ seizureId: z.string().min(1).max(100) });
/** The originator's own seizures sharing a person with the one asked about: ids only, never who. */
export const PersonLinksReply = z.object({ seizureIds: z.array(z.string().max(100)).max(200) });

/** An analyst's route observation, as the hub asks the analyst's own service to sign and append it (issue 9). */
export const RouteCommandBody = z.object({
  command: z.object({
    type: z.literal('ObserveRoute'),
    data: RouteObserved.omit({ seizureIds: true }).extend({ seizureIds: z.array(z.uuid()).max(1000).default([]), handling: Handling }),
  }),
});

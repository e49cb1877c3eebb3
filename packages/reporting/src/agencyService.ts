import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { startRelay, type Relay } from '@tracebridge/bus';
import { decodeEvent, ErrorCodes, newId, ValidationError, zodIssuesToPaths, type EventOf } from '@tracebridge/contracts';
import { DomainError, hitWarnings, reportWarnings, seizureDecider, type AgencyKind, type EmbargoRegime, type ReportSeizure } from '@tracebridge/domain';
import { getSqliteCheckpointStore, recordedToEnvelope, type SqliteEventStore } from '@tracebridge/eventstore';
import type { ServiceKeys, SigningKey, TrustRegistry } from '@tracebridge/identity';
import { handleCommand, inInput } from './commandHandler';
import { buildGraphqlService, DateTimeScalar, ForbiddenError, requireRole, type FastifyInstance, type RequestContext } from '@tracebridge/server';
import type { Logger } from '@tracebridge/bus';
import type { z } from 'zod';
import { seizureInputsSdl } from './agencySdl';
import { keyedSeizureId } from './keyedIds';
import { PersonVault } from './personVault';
import { BorderInterdictionInput, CustomsSeizureInput, PoliceRecoveryInput, withoutNulls, type SharedSeizureInput } from './reportInput';
import { requestSerialCheck, servePersonIdentities, type RpcIdentity } from './rpc';
import { serveDispositions } from './dispositions';
import { reportStockpileLoss, stockpileLossSdl } from './stockpileLoss';

export interface HostedAgency {
  id: string;
  state: string;
  eventKey: SigningKey;
  /** The agency's secret for keyed ids (clientReference → seizure id). */
  secret: Uint8Array;
  store: SqliteEventStore;
}

export interface AgencyServiceOptions {
  kind: Exclude<AgencyKind, 'LIAISON'>;
  agencies: HostedAgency[];
  registry: () => TrustRegistry;
  nc: NatsConnection;
  /** This service's own keys: its requests to the hub and its replies are signed with them. */
  serviceKeys: ServiceKeys;
  embargoes: EmbargoRegime[];
  logger?: Logger;
  /** @default () => new Date() */
  clock?: () => Date;
}

const SHARED_INPUT_FIELDS = `
        "Your own reference for this report; reporting again with the same reference returns the original seizure (safe retries)."
        clientReference: String
        "When the seizure happened."
        occurredAt: DateTime!
        "Where it happened."
        location: LocationInput!
        "Declared origin, transit and destination."
        route: RouteInput
        "Criminal context: illicit possession, trafficking …"
        context: String
        "How the goods were concealed."
        concealment: String
        "Legal basis of the seizure."
        legalBasis: String
        "Weapons, parts and ammunition seized."
        items: [ItemInput!]!
        "Persons linked to the seizure."
        persons: [PersonInput!]
        "Who may see it."
        handling: HandlingInput!`;

const forms = {
  POLICE: {
    mutation: 'reportPoliceRecovery',
    listQuery: 'policeAgencies',
    input: PoliceRecoveryInput,
    sdl: /* GraphQL */ `
      "A police recovery: the shared fields, plus the police case number and the context of the recovery."
      input PoliceRecoveryInput {
        ${SHARED_INPUT_FIELDS}
        "Police case number."
        caseNumber: String
        "SEARCH, ARREST, VOLUNTARY_SURRENDER or OTHER."
        recoveryContext: String
      }
      extend type Mutation {
        "Report a police recovery (police officers only). Returns the seizure, serial hits and warnings."
        reportPoliceRecovery(input: PoliceRecoveryInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose police reports this service records."
        policeAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof PoliceRecoveryInput>) => ({
      form: 'POLICE' as const,
      ...(i.caseNumber ? { caseNumber: i.caseNumber } : {}),
      ...(i.recoveryContext ? { recoveryContext: i.recoveryContext } : {}),
    }),
  },
  BORDER: {
    mutation: 'reportBorderInterdiction',
    listQuery: 'borderAgencies',
    input: BorderInterdictionInput,
    sdl: /* GraphQL */ `
      "A border interdiction: the shared fields, plus the crossing point, patrol and direction of travel."
      input BorderInterdictionInput {
        ${SHARED_INPUT_FIELDS}
        "Crossing point."
        crossingPoint: String
        "Patrol."
        patrol: String
        "INBOUND, OUTBOUND or UNKNOWN."
        directionOfTravel: String
      }
      extend type Mutation {
        "Report a border interdiction (border guards only). Returns the seizure, serial hits and warnings."
        reportBorderInterdiction(input: BorderInterdictionInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose border reports this service records."
        borderAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof BorderInterdictionInput>) => ({
      form: 'BORDER' as const,
      ...(i.crossingPoint ? { crossingPoint: i.crossingPoint } : {}),
      ...(i.patrol ? { patrol: i.patrol } : {}),
      ...(i.directionOfTravel ? { directionOfTravel: i.directionOfTravel } : {}),
    }),
  },
  CUSTOMS: {
    mutation: 'reportCustomsSeizure',
    listQuery: 'customsAgencies',
    input: CustomsSeizureInput,
    sdl: /* GraphQL */ `
      "A customs seizure at a point of entry: the shared fields, plus the customs office, declaration and conveyance."
      input CustomsSeizureInput {
        ${SHARED_INPUT_FIELDS}
        "Customs office."
        customsOffice: String
        "Customs declaration reference."
        declarationReference: String
        "Conveyance (vessel, vehicle, flight)."
        conveyance: String
      }
      extend type Mutation {
        "Report a customs seizure (customs officers only). Returns the seizure, serial hits and warnings."
        reportCustomsSeizure(input: CustomsSeizureInput!): SeizureReport!
      }
      extend type Query {
        "Agencies whose customs reports this service records."
        customsAgencies: [ID!]!
      }
    `,
    details: (i: z.infer<typeof CustomsSeizureInput>) => ({
      form: 'CUSTOMS' as const,
      ...(i.customsOffice ? { customsOffice: i.customsOffice } : {}),
      ...(i.declarationReference ? { declarationReference: i.declarationReference } : {}),
      ...(i.conveyance ? { conveyance: i.conveyance } : {}),
    }),
  },
} as const;

/**
 * The write side of an agency kind (customs here; police and border share
 * it): validate the form, keep person identities in the vault, decide, sign
 * with the agency's key, append durably, and answer with hits and warnings.
 */
export async function buildAgencyService(opts: AgencyServiceOptions): Promise<{ app: FastifyInstance; relays: Relay[]; close: () => Promise<void> }> {
  const clock = opts.clock ?? (() => new Date());
  // One form per kind; the union of the three forms' types is too wide for TypeScript to follow, so it is narrowed here once.
  const form = forms[opts.kind] as unknown as (typeof forms)['CUSTOMS'];
  const hosted = new Map(opts.agencies.map((a) => [a.id, { ...a, vault: new PersonVault(a.store.db) }]));
  const relays = await Promise.all(opts.agencies.map((a) => startRelay({ store: a.store, checkpoints: getSqliteCheckpointStore(a.store.db), nc: opts.nc, name: 'relay' })));
  const rpc: RpcIdentity = { nc: opts.nc, me: opts.serviceKeys, registry: opts.registry, ...(opts.logger ? { logger: opts.logger } : {}) };
  const personServers = [...hosted.values()].map((a) => servePersonIdentities(rpc, a.id, (seizureId) => a.vault.forSeizure(seizureId)));
  const dispositionServers = opts.agencies.map((a) => serveDispositions(rpc, { ...a, kind: opts.kind }, clock));

  const answer = async (event: EventOf<'SeizureReported'>, ctx: RequestContext) => {
    const hits = await requestSerialCheck(rpc, ctx.officer, event.data.items, event.data.seizureId);
    return { seizure: { __typename: 'Seizure', id: event.data.seizureId }, hits: hits ?? [], warnings: [...reportWarnings(event.data, opts.embargoes), ...hitWarnings(hits)] };
  };

  const report = async (rawInput: unknown, ctx: RequestContext) => {
    const officer = ctx.officer;
    if (officer.kind !== opts.kind) throw new ForbiddenError(`only ${opts.kind.toLowerCase()} officers may use ${form.mutation}`);
    requireRole(officer, 'REPORT');
    const agency = hosted.get(officer.agency);
    if (!agency) throw new ForbiddenError(`agency ${officer.agency} is not served here`);
    const parsed = form.input.safeParse(withoutNulls(rawInput));
    if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid report', zodIssuesToPaths(parsed.error, ['input']));
    const input: SharedSeizureInput & z.infer<typeof form.input> = parsed.data;

    const seizureId = input.clientReference ? keyedSeizureId(agency.secret, agency.id, input.clientReference) : newId();
    const streamId = `seizure-${seizureId}`;
    const existing = await agency.store.readStream(streamId, { maxCount: 1 });
    if (existing[0]) return answer(decodeEvent(recordedToEnvelope(existing[0])) as EventOf<'SeizureReported'>, ctx);

    const persons = (input.persons ?? []).map((p) => ({ ...p, personRef: randomUUID(), seizureId }));
    const now = clock().toISOString();
    const command: ReportSeizure = {
      type: 'ReportSeizure',
      metadata: { now, actor: { agency: agency.id, state: agency.state, kind: opts.kind } },
      data: {
        seizureId,
        ...(input.clientReference ? { clientReference: input.clientReference } : {}),
        occurredAt: input.occurredAt,
        handling: input.handling,
        location: input.location,
        ...(input.route ? { route: { ...input.route, transit: input.route.transit ?? [] } } : {}),
        ...(input.context ? { context: input.context } : {}),
        ...(input.concealment ? { concealment: input.concealment } : {}),
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        details: form.details(input),
        items: input.items.map((i) => {
          const { importMarking, ...rest } = i;
          return { ...rest, itemId: newId(), ...(importMarking ? { importMarking: { text: importMarking } } : {}) };
        }),
        persons: persons.map((p) => ({ personRef: p.personRef, role: p.role, ...(p.nationality ? { nationality: p.nationality } : {}) })),
      },
    };
    // Identities before the event: a crash between the two leaves an unreferenced vault row, never an event pointing nowhere.
    const keepIdentities = () =>
      agency.vault.keep(
        persons.map((p) => ({
          personRef: p.personRef,
          seizureId,
          role: p.role,
          name: p.name,
          ...(p.nationality ? { nationality: p.nationality } : {}),
          ...(p.documentNumber ? { documentNumber: p.documentNumber } : {}),
        })),
      );
    try {
      const [signed] = await handleCommand(agency.store, seizureDecider, streamId, command, { signingKey: agency.eventKey, recordedAt: now, beforeAppend: keepIdentities });
      return answer(decodeEvent(signed!) as EventOf<'SeizureReported'>, ctx);
    } catch (err) {
      // The same clientReference raced in twice: the first one won, and the decider refused the second; answer with the first.
      if (!(err instanceof DomainError && err.code === ErrorCodes.SEIZURE_ALREADY_REPORTED)) throw inInput(err);
      const [first] = await agency.store.readStream(streamId, { maxCount: 1 });
      return answer(decodeEvent(recordedToEnvelope(first!)) as EventOf<'SeizureReported'>, ctx);
    }
  };

  const hostedAgencyOf = (ctx: RequestContext) => {
    const agency = hosted.get(ctx.officer.agency);
    if (!agency || ctx.officer.kind !== opts.kind) throw new ForbiddenError(`agency ${ctx.officer.agency} is not served here`);
    requireRole(ctx.officer, 'REPORT');
    return agency;
  };

  const app = await buildGraphqlService({
    name: opts.kind.toLowerCase(),
    schema: `${seizureInputsSdl}\n${form.sdl}\n${opts.kind === 'POLICE' ? stockpileLossSdl : ''}`,
    registry: opts.registry,
    resolvers: {
      DateTime: DateTimeScalar,
      Query: { [form.listQuery]: () => [...hosted.keys()] },
      Mutation: {
        [form.mutation]: (_root: unknown, args: { input: unknown }, ctx: RequestContext) => report(args.input, ctx),
        ...(opts.kind === 'POLICE'
          ? {
              reportStockpileLoss: (_root: unknown, args: { input: unknown }, ctx: RequestContext) =>
                reportStockpileLoss(rpc, { ...hostedAgencyOf(ctx), kind: opts.kind }, args.input, ctx, clock().toISOString()),
            }
          : {}),
      },
    },
  });
  return {
    app,
    relays,
    close: async () => {
      await app.close();
      for (const s of [...personServers, ...dispositionServers]) s.unsubscribe();
      await Promise.all(relays.map((r) => r.stop()));
    },
  };
}

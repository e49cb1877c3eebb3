import type { ServiceRpc } from '@tracebridge/bus';
import { randomUUID } from 'node:crypto';
import {
  decodeEvent,
  ErrorCodes,
  newId,
  ValidationError,
  zodIssuesToPaths,
  type EventOf,
  type PersonIdentity,
  type ReportFacts,
  type SignedEnvelope,
} from '@tracebridge/contracts';
import { DomainError, hitWarnings, reportWarnings, seizureDecider, type EmbargoRegime, type ReportSeizure, type WarningDto } from '@tracebridge/domain';
import { recordedToEnvelope } from '@tracebridge/eventstore';
import { ForbiddenError, requireRole, type RequestContext } from '@tracebridge/server';
import type { z } from 'zod';
import { handleCommand, inInput } from './commandHandler';
import type { Form } from './forms';
import { withoutNulls, type SharedSeizureInput } from './reportInput';
import { requestSerialCheck } from './rpc';
import type { HostedAgency } from './agencyService';
import type { KeptPerson } from './personVault';
import type { ReportingKind } from './agencyKinds';

export interface SeizureReporterDeps {
  kind: ReportingKind;
  form: Form;
  hosted: ReadonlyMap<string, HostedAgency>;
  rpc: ServiceRpc;
  embargoes: EmbargoRegime[];
  clock: () => Date;
}

type SeizureInput = SharedSeizureInput & z.infer<Form['input']>;
type Reported = EventOf<'SeizureReported'>;

/**
 * A report through the kind's form: validate, run the command pipeline
 * (decide, sign, append with the persons' identities kept in the vault), and
 * answer with the hub's serial hits and the report's warnings. A retry with
 * the same clientReference answers with the original report.
 */
export function createSeizureReporter(deps: SeizureReporterDeps) {
  const answer = (seizureId: string, stored: () => Reported, ctx: RequestContext) => answerStored(deps, seizureId, stored, ctx);

  return async (rawInput: unknown, ctx: RequestContext) => {
    const agency = reportingAgency(deps, ctx);
    const input = parseReport(deps.form, rawInput);
    const seizureId = await agency.keyedIds.recordId('seizure', input.clientReference);
    const streamId = `seizure-${seizureId}`;
    const existing = await firstEvent(agency, streamId);
    if (existing) return answer(seizureId, () => existing, ctx);

    const persons = await Promise.all(
      (input.persons ?? []).map(async (p): Promise<KeptPerson> => ({
        ...p,
        personRef: randomUUID(),
        seizureId,
        ...(p.documentNumber ? { documentKey: await agency.keyedIds.documentKey(p.documentNumber) } : {}),
      })),
    );
    const now = deps.clock().toISOString();
    const command = reportCommand(deps, agency, input, seizureId, persons, now);
    let signed: SignedEnvelope;
    try {
      [signed] = (await handleCommand(agency.store, seizureDecider, streamId, command, {
        signingKey: agency.eventKey,
        recordedAt: now,
        // Identities go with the events that name them (PersonVault): never an event naming a person the vault lacks.
        append: (s, events, options) => agency.vault.appendWithIdentities(persons, s, events, options),
      })) as [SignedEnvelope];
    } catch (err) {
      // The same clientReference raced in twice: the first one won, and the decider refused the second; answer with the first.
      if (!(err instanceof DomainError && err.code === ErrorCodes.SEIZURE_ALREADY_REPORTED)) throw inInput(err);
      const first = (await firstEvent(agency, streamId))!;
      return answer(seizureId, () => first, ctx);
    }
    return answer(seizureId, () => decodeEvent(signed) as Reported, ctx);
  };
}

/**
 * The answer to a report its agency has stored: the embargo and marking
 * warnings (local) always; the hub's hits and warnings when it answers in
 * time (sharedView CURRENT). Nothing here fails the report, which is recorded
 * (ADR 1): a hub that is slow or down, or the bus down, leave the shared view
 * PENDING. Only a seizure the hub answered for is handed to the gateway to
 * resolve at the hub (`seizure`): one it did not would fail the whole answer.
 */
async function answerStored(deps: SeizureReporterDeps, seizureId: string, stored: () => Reported, ctx: RequestContext) {
  let local: WarningDto[] = [];
  let checked: Awaited<ReturnType<typeof requestSerialCheck>>;
  try {
    const event = stored();
    local = reportWarnings(event.data, deps.embargoes);
    const reported = {
      recordId: seizureId,
      family: 'SEIZURE' as const,
      handling: { tlp: event.handling.tlp, releasableTo: event.handling.releasableTo },
      report: reportFacts(event),
    };
    checked = await requestSerialCheck(deps.rpc, ctx.officer, event.data.items, reported);
  } catch (err) {
    deps.rpc.logger?.error({ err, seizureId }, 'a stored report could not be checked; answered as pending');
  }
  return {
    seizureId,
    seizure: checked ? { __typename: 'Seizure', id: seizureId } : null,
    sharedView: checked ? ('CURRENT' as const) : ('PENDING' as const),
    hits: checked?.hits ?? [],
    warnings: [...local, ...hitWarnings(checked?.hits), ...(checked?.warnings ?? [])],
  };
}

/** What the hub's report checks read (broker registry, diversion clusters): the seizure's facts, never its persons. */
function reportFacts(event: Reported): ReportFacts {
  const { data } = event;
  return {
    occurredAt: event.occurredAt,
    state: event.originator.state,
    ...(data.route ? { route: data.route } : {}),
    items: data.items.map((i) => ({
      kind: i.kind,
      ...(i.category ? { category: i.category } : {}),
      ...(i.manufacturer ? { manufacturer: i.manufacturer } : {}),
      ...(i.model ? { model: i.model } : {}),
      serialNormalised: i.serial?.normalised ?? null,
    })),
    brokers: data.brokers,
  };
}

/** The officer's agency, if this service hosts it and the officer may report for it. */
function reportingAgency(deps: SeizureReporterDeps, ctx: RequestContext): HostedAgency {
  const officer = ctx.officer;
  if (officer.kind !== deps.kind) throw new ForbiddenError(`only ${deps.kind.toLowerCase()} officers may use ${deps.form.mutation}`);
  requireRole(officer, 'REPORT');
  const agency = deps.hosted.get(officer.agency);
  if (!agency) throw new ForbiddenError(`agency ${officer.agency} is not served here`);
  return agency;
}

function parseReport(form: Form, rawInput: unknown): SeizureInput {
  const parsed = form.input.safeParse(withoutNulls(rawInput));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid report', zodIssuesToPaths(parsed.error, ['input']));
  return parsed.data;
}

async function firstEvent(agency: HostedAgency, streamId: string): Promise<Reported | undefined> {
  const [first] = await agency.store.readStream(streamId, { maxCount: 1 });
  return first ? (decodeEvent(recordedToEnvelope(first)) as Reported) : undefined;
}

/** The decider's command: the form's input, with fresh item ids and the persons as links (role, nationality, a random personRef). */
function reportCommand(deps: SeizureReporterDeps, agency: HostedAgency, input: SeizureInput, seizureId: string, persons: readonly PersonIdentity[], now: string): ReportSeizure {
  return {
    type: 'ReportSeizure',
    metadata: { now, actor: { agency: agency.id, state: agency.state, kind: deps.kind } },
    data: {
      seizureId,
      clientReference: input.clientReference,
      occurredAt: input.occurredAt,
      handling: input.handling,
      location: input.location,
      ...(input.route ? { route: { ...input.route, transit: input.route.transit ?? [] } } : {}),
      ...(input.context ? { context: input.context } : {}),
      ...(input.concealment ? { concealment: input.concealment } : {}),
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      details: deps.form.details(input),
      ...(input.conveyance ? { conveyance: input.conveyance } : {}),
      documents: input.documents ?? [],
      brokers: input.brokers ?? [],
      items: input.items.map((i) => {
        const { importMarking, ...rest } = i;
        return { ...rest, itemId: newId(), ...(importMarking ? { importMarking: { text: importMarking } } : {}) };
      }),
      persons: persons.map((p) => ({ personRef: p.personRef, role: p.role, ...(p.nationality ? { nationality: p.nationality } : {}) })),
    },
  };
}

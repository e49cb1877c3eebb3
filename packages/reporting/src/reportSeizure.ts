import type { ServiceRpc } from '@tracebridge/bus';
import { randomUUID } from 'node:crypto';
import { decodeEvent, ErrorCodes, newId, ValidationError, zodIssuesToPaths, type EventOf } from '@tracebridge/contracts';
import { DomainError, hitWarnings, reportWarnings, seizureDecider, type AgencyKind, type EmbargoRegime, type ReportSeizure } from '@tracebridge/domain';
import { recordedToEnvelope } from '@tracebridge/eventstore';
import { ForbiddenError, requireRole, type RequestContext } from '@tracebridge/server';
import type { z } from 'zod';
import { handleCommand, inInput } from './commandHandler';
import type { Form } from './forms';
import { keyedSeizureId } from './keyedIds';
import type { PersonVault } from './personVault';
import { withoutNulls, type SharedSeizureInput } from './reportInput';
import { requestSerialCheck } from './rpc';
import type { HostedAgency } from './agencyService';

export interface SeizureReporterDeps {
  kind: Exclude<AgencyKind, 'LIAISON'>;
  form: Form;
  hosted: ReadonlyMap<string, HostedAgency & { vault: PersonVault }>;
  rpc: ServiceRpc;
  embargoes: EmbargoRegime[];
  clock: () => Date;
}

/**
 * A report through the kind's form: validate, keep person identities in the
 * vault, run the command pipeline (decide, sign, append), and answer with
 * the hub's serial hits and the report's warnings. A retry with the same
 * clientReference answers with the original report.
 */
export function createSeizureReporter(deps: SeizureReporterDeps) {
  const { form, hosted, rpc, clock } = deps;
  const answer = async (event: EventOf<'SeizureReported'>, ctx: RequestContext) => {
    const hits = await requestSerialCheck(rpc, ctx.officer, event.data.items, event.data.seizureId);
    return { seizure: { __typename: 'Seizure', id: event.data.seizureId }, hits: hits ?? [], warnings: [...reportWarnings(event.data, deps.embargoes), ...hitWarnings(hits)] };
  };

  const report = async (rawInput: unknown, ctx: RequestContext) => {
    const officer = ctx.officer;
    if (officer.kind !== deps.kind) throw new ForbiddenError(`only ${deps.kind.toLowerCase()} officers may use ${form.mutation}`);
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
      metadata: { now, actor: { agency: agency.id, state: agency.state, kind: deps.kind } },
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
  return report;
}

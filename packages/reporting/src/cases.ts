import type { z } from 'zod';
import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import {
  CaseCommandRequest,
  createUnsignedEnvelope,
  ErrorCodes,
  mayPerform,
  rpcSubjects,
  TracebridgeError,
  ValidationError,
  zodIssuesToPaths,
  type EventType,
  type GuardedOperation,
  type NewEventInput,
  type CaseCommandReply,
} from '@tracebridge/contracts';
import { caseDecider, type CaseCommand, type DecidedEvent } from '@tracebridge/domain';
import { envelopeToEvent, type EventStore } from '@tracebridge/eventstore';
import { signEvent, type Officer, type SigningKey } from '@tracebridge/identity';

/** An agency acting in a shared record (a case, a trace): it signs and appends only its own acts. */
export interface SharedActor {
  id: string;
  state: string;
  eventKey: SigningKey;
  store: EventStore;
}

/**
 * Decide one case act of this agency's officer (ADR 9) on the case as the
 * hub sent it, with the one case decider; sign each event with the agency's
 * key and append it to the agency's own `case-<caseId>` stream. The case's
 * other acts are other agencies' events in their own stores, so the stream
 * here holds only this agency's acts: the decision is taken on the hub's
 * state, and the hub checks the event again when it arrives.
 */
export async function decideCaseAct(agency: SharedActor, officer: Officer, rawBody: unknown, now: string): Promise<string[]> {
  expectOfficerOf(agency, officer, 'WORK_CASES', 'working on cases needs a reporting, analyst or liaison officer role');
  const { command, state } = parseBody(CaseCommandRequest, rawBody, 'invalid case command', []);
  const full = { ...command, metadata: { now, actor: { agency: agency.id, state: agency.state } } } as CaseCommand;
  return signAndAppend(agency, `case-${command.data.caseId}`, caseDecider.decide(full, state), now);
}

/** Only an officer of the agency, with a role that allows it, acts for it. */
export function expectOfficerOf(agency: { id: string }, officer: Officer | undefined, operation: GuardedOperation, refusal: string): void {
  if (!officer || officer.agency !== agency.id) throw new TracebridgeError(ErrorCodes.SERVICE_NOT_ALLOWED, `only an officer of ${agency.id} acts for it`);
  if (!mayPerform(officer.roles, operation)) throw new TracebridgeError(ErrorCodes.ROLE_REQUIRED, refusal);
}

/** A request's body as its schema says, or BAD_USER_INPUT with the offending paths. */
export function parseBody<S extends z.ZodType>(schema: S, raw: unknown, message: string, prefix: (string | number)[]): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, message, zodIssuesToPaths(parsed.error, prefix));
  return parsed.data;
}

/** Answer the hub's case commands for this agency's officers: only the hub may ask. */
export function serveCaseCommands(rpc: ServiceRpc, agency: SharedActor, clock: () => Date): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.caseCommand(agency.id),
    queue: `cases-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req): Promise<CaseCommandReply> => ({ ok: { eventIds: await decideCaseAct(agency, req.viewer!, req.body, clock().toISOString()) } }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}

/**
 * Sign each decided event with the agency's key and append it to the
 * agency's own stream of the shared record. The record's other acts are
 * other agencies' events in their own stores, so this stream holds only
 * this agency's acts, in any order the hub accepts them.
 */
export async function signAndAppend(agency: SharedActor, streamId: string, decided: readonly DecidedEvent[], now: string): Promise<string[]> {
  const signed = await Promise.all(
    decided.map((e) =>
      signEvent(
        createUnsignedEnvelope({
          type: e.type,
          streamId,
          originator: e.originator,
          handling: e.handling,
          occurredAt: e.occurredAt,
          recordedAt: now,
          data: e.data,
        } as NewEventInput<EventType>),
        agency.eventKey,
      ),
    ),
  );
  if (signed.length > 0) await agency.store.appendToStream(streamId, signed.map(envelopeToEvent), { expectedRevision: 'any' });
  return signed.map((s) => s.id);
}

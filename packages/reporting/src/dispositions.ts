import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import {
  DispositionRecorded,
  DispositionRequest,
  ErrorCodes,
  mayPerform,
  rpcSubjects,
  TracebridgeError,
  ValidationError,
  zodIssuesToPaths,
  type DispositionReply,
} from '@tracebridge/contracts';
import { seizureDecider } from '@tracebridge/domain';
import type { EventStore } from '@tracebridge/eventstore';
import type { Officer, SigningKey } from '@tracebridge/identity';
import { handleCommand, inInput } from './commandHandler';
import type { ReportingKind } from './agencyKinds';

/**
 * Record a disposition (PoA II.16) in the agency that reported the seizure:
 * only the originator writes its records. Requests arrive over NATS from the
 * liaison hub's `recordDisposition` mutation, signed by the hub for the
 * officer it verified; only the hub may ask, and only for this agency's
 * reporting officers.
 */
export function serveDispositions(
  rpc: ServiceRpc,
  agency: { id: string; state: string; kind: ReportingKind; eventKey: SigningKey; store: EventStore },
  clock: () => Date,
): { unsubscribe: () => void } {
  const record = async (officer: Officer, rawInput: unknown): Promise<DispositionReply['ok']> => {
    if (officer.agency !== agency.id) throw new TracebridgeError(ErrorCodes.NOT_ORIGINATOR, 'only the originating agency may record dispositions of its seizures');
    if (!mayPerform(officer.roles, 'REPORT')) throw new TracebridgeError(ErrorCodes.ROLE_REQUIRED, 'recording a disposition needs the REPORTING_OFFICER role');
    const parsed = DispositionRecorded.safeParse(rawInput);
    if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid disposition', zodIssuesToPaths(parsed.error, ['input']));
    const input = parsed.data;
    const now = clock().toISOString();
    const [event] = await handleCommand(
      agency.store,
      seizureDecider,
      `seizure-${input.seizureId}`,
      { type: 'RecordDisposition', metadata: { now, actor: { agency: agency.id, state: agency.state, kind: agency.kind } }, data: input },
      { signingKey: agency.eventKey, recordedAt: now },
    ).catch((err: unknown) => {
      throw inInput(err);
    });
    if (event?.type !== 'DispositionRecorded') throw new Error('decider returned no disposition');
    return { seizureId: input.seizureId, itemId: input.itemId, disposition: input.disposition, date: input.date, ...(input.method ? { method: input.method } : {}) };
  };
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.recordDisposition(agency.id),
    queue: `dispositions-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req) => ({ ok: await record(req.viewer!, DispositionRequest.parse(req.body).input) }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}

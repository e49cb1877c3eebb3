import { requestService, rpcRules, serveRequests } from '@tracebridge/bus';
import { createUnsignedEnvelope, decodeEvent, DispositionRecorded, ErrorCodes, mayPerform, TracebridgeError, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';
import { seizureDecider, seizureStateFrom, type SeizureEvent } from '@tracebridge/domain';
import { envelopeToEvent, recordedToEnvelope, WrongExpectedRevisionError, type SqliteEventStore } from '@tracebridge/eventstore';
import { signEvent, type Officer, type SigningKey } from '@tracebridge/identity';
import { rpcSubjects, type RpcIdentity } from './rpc';

export interface DispositionReply {
  ok?: { seizureId: string; itemId: string; disposition: string; date: string; method?: string };
  error?: { code: string; message: string; path?: (string | number)[] };
}

/**
 * Record a disposition (PoA II.16) in the agency that reported the seizure:
 * only the originator writes its records. Requests arrive over NATS from the
 * liaison hub's `recordDisposition` mutation, signed by the hub for the
 * officer it verified; only the hub may ask, and only for this agency's
 * reporting officers.
 */
export function serveDispositions(
  rpc: RpcIdentity,
  agency: { id: string; state: string; kind: 'CUSTOMS' | 'POLICE' | 'BORDER'; eventKey: SigningKey; store: SqliteEventStore },
  clock: () => Date,
): { unsubscribe: () => void } {
  const record = async (officer: Officer, rawInput: unknown): Promise<DispositionReply['ok']> => {
    if (officer.agency !== agency.id) throw new TracebridgeError(ErrorCodes.NOT_ORIGINATOR, 'only the originating agency may record dispositions of its seizures');
    if (!mayPerform(officer.roles, 'REPORT')) throw new TracebridgeError(ErrorCodes.ROLE_REQUIRED, 'recording a disposition needs the REPORTING_OFFICER role');
    const parsed = DispositionRecorded.safeParse(rawInput);
    if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid disposition', zodIssuesToPaths(parsed.error, ['input']));
    const input = parsed.data;
    const streamId = `seizure-${input.seizureId}`;
    // Optimistic concurrency: reload and decide again if another write got in between.
    for (let attempt = 0; ; attempt++) {
      const recorded = await agency.store.readStream(streamId);
      if (recorded.length === 0) throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no such seizure', { details: { path: ['input', 'seizureId'] } });
      const history = recorded.map((r) => {
        const e = decodeEvent(recordedToEnvelope(r));
        return { event: { type: e.type, data: e.data, occurredAt: e.occurredAt, handling: e.handling } as SeizureEvent, originator: e.originator };
      });
      const now = clock().toISOString();
      const [decided] = seizureDecider.decide(
        { type: 'RecordDisposition', metadata: { now, actor: { agency: agency.id, state: agency.state, kind: agency.kind } }, data: input },
        seizureStateFrom(history),
      );
      if (decided?.type !== 'DispositionRecorded') throw new Error('decider returned no disposition');
      const signed = await signEvent(
        createUnsignedEnvelope({
          type: 'DispositionRecorded',
          streamId,
          originator: { state: agency.state, agency: agency.id },
          handling: decided.handling,
          occurredAt: decided.occurredAt,
          recordedAt: now,
          data: decided.data,
        }),
        agency.eventKey,
      );
      try {
        await agency.store.appendToStream(streamId, [envelopeToEvent(signed)], { expectedRevision: recorded.at(-1)!.revision });
        return { seizureId: input.seizureId, itemId: input.itemId, disposition: input.disposition, date: input.date, ...(input.method ? { method: input.method } : {}) };
      } catch (err) {
        if (!(err instanceof WrongExpectedRevisionError) || attempt >= 3) throw err;
      }
    }
  };
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.recordDisposition(agency.id),
    queue: `dispositions-${agency.id}`,
    authorise: rpcRules.fromHub,
    handle: async (req) => ({ ok: await record(req.viewer!, (req.body as { input?: unknown } | undefined)?.input) }),
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}

/** The hub asks the originating agency's service to record a disposition for the viewer (who must be its officer). */
export async function requestDisposition(rpc: RpcIdentity, viewer: Officer, originator: string, input: unknown): Promise<DispositionReply> {
  const host = rpc.registry().serviceHosting(originator);
  if (!host) throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no service records this agency');
  return (await requestService(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.recordDisposition(originator),
    to: host.id,
    viewer,
    body: { input },
    timeoutMs: 5000,
  })) as DispositionReply;
}

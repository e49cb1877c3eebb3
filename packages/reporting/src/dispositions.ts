import type { NatsConnection } from '@nats-io/transport-node';
import { createUnsignedEnvelope, decodeEvent, DispositionRecorded, ErrorCodes, TracebridgeError, ValidationError, zodIssuesToPaths } from '@tracebridge/contracts';
import { seizureDecider, seizureStateFrom, type SeizureEvent } from '@tracebridge/domain';
import { envelopeToEvent, recordedToEnvelope, WrongExpectedRevisionError, type SqliteEventStore } from '@tracebridge/eventstore';
import { signEvent, verifyOfficerToken, type SigningKey, type TrustRegistry } from '@tracebridge/identity';
import { rpcSubjects } from './rpc';

export interface DispositionReply {
  ok?: { seizureId: string; itemId: string; disposition: string; date: string; method?: string };
  error?: { code: string; message: string; path?: (string | number)[] };
}

/**
 * Record a disposition (PoA II.16) in the agency that reported the seizure:
 * only the originator writes its records. Requests arrive over NATS from the
 * liaison hub's `recordDisposition` mutation, carrying the officer's token,
 * which is verified here.
 */
export function serveDispositions(
  nc: NatsConnection,
  agency: { id: string; state: string; kind: 'CUSTOMS' | 'POLICE' | 'BORDER'; eventKey: SigningKey; store: SqliteEventStore },
  registry: () => TrustRegistry,
  clock: () => Date,
): { unsubscribe: () => void } {
  const record = async (token: unknown, rawInput: unknown): Promise<DispositionReply['ok']> => {
    if (typeof token !== 'string') throw new TracebridgeError(ErrorCodes.TOKEN_INVALID, 'no token');
    const officer = await verifyOfficerToken(token, registry());
    if (officer.agency !== agency.id) throw new TracebridgeError(ErrorCodes.NOT_ORIGINATOR, 'only the originating agency may record dispositions of its seizures');
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
        createUnsignedEnvelope({ type: 'DispositionRecorded', streamId, originator: { state: agency.state, agency: agency.id }, handling: decided.handling, occurredAt: decided.occurredAt, recordedAt: now, data: decided.data }),
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
  const sub = nc.subscribe(rpcSubjects.recordDisposition(agency.id), {
    queue: `dispositions-${agency.id}`,
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let reply: DispositionReply;
        try {
          const req = msg.json<{ token?: unknown; input?: unknown }>();
          reply = { ok: await record(req.token, req.input) };
        } catch (e) {
          const code = e instanceof TracebridgeError ? e.code : 'TB_ERR_INTERNAL';
          const path = e instanceof ValidationError ? e.issues[0]?.path : ((e as TracebridgeError).details?.path as (string | number)[] | undefined);
          reply = { error: { code, message: e instanceof TracebridgeError ? e.message : 'internal error', ...(path ? { path } : {}) } };
        }
        msg.respond(JSON.stringify(reply));
      })();
    },
  });
  return { unsubscribe: () => sub.unsubscribe() };
}

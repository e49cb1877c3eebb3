import { createUnsignedEnvelope, decodeEvent, type EventType, type NewEventInput, type SignedEnvelope } from '@tracebridge/contracts';
import { DomainError, replay, type Command, type DecidedEvent, type Decider } from '@tracebridge/domain';
import {
  envelopeToEvent,
  recordedToEnvelope,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@tracebridge/eventstore';
import { signEvent, type SigningKey } from '@tracebridge/identity';

export interface HandleCommandOptions {
  /** The key the originator signs its events with. */
  signingKey: SigningKey;
  /** When the events are recorded (the service's clock). */
  recordedAt: string;
  /** Attempts after a concurrent write to the same stream. @default 3 */
  retries?: number;
  /**
   * How the decided, signed events are appended, for an append that carries
   * more with it (a person vault keeps the identities the events name: see
   * PersonVault.appendWithIdentities). Called only for an accepted command,
   * once per attempt. @default the store's appendToStream
   */
  append?: (streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }) => Promise<AppendResult>;
}

/**
 * The one command pipeline over the event store port, as Emmett's
 * `handleCommand`: read the stream → evolve the state → decide → put each
 * event in an envelope (its originator comes with it from the decider) →
 * sign → append with the expected revision → on a concurrent write, read
 * again and decide again. A decider's refusal (DomainError) is thrown as it is.
 * @returns the signed events appended (empty when the decider emits none)
 */
export async function handleCommand<C extends Command, E extends DecidedEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  opts: HandleCommandOptions,
): Promise<SignedEnvelope[]> {
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(streamId);
    // Stored events are decoded (and upcast) and handed back to the decider in its own shape, originator included.
    const past = recorded.map((r) => {
      const e = decodeEvent(recordedToEnvelope(r));
      return { type: e.type, data: e.data, occurredAt: e.occurredAt, handling: e.handling, originator: e.originator } as E;
    });
    const decided = decider.decide(command, replay(decider, past));
    const signed = await Promise.all(
      decided.map((e) =>
        signEvent(
          createUnsignedEnvelope({
            type: e.type as EventType,
            streamId,
            originator: e.originator,
            handling: e.handling,
            occurredAt: e.occurredAt,
            recordedAt: opts.recordedAt,
            data: e.data,
          } as NewEventInput<EventType>),
          opts.signingKey,
        ),
      ),
    );
    if (signed.length === 0) return [];
    const append = opts.append ?? ((s, events, options) => store.appendToStream(s, events, options));
    try {
      await append(streamId, signed.map(envelopeToEvent), { expectedRevision: recorded.at(-1)?.revision ?? 'no_stream' });
      return signed;
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError) || attempt >= (opts.retries ?? 3)) throw err;
    }
  }
}

/** A decider's refusal names a path in the command's data; at the GraphQL edge that data is the `input` argument. */
export function inInput(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  const moved = new DomainError(err.code, err.message, ['input', ...((err.details as { path?: (string | number)[] }).path ?? [])]);
  return Object.assign(moved, { cause: err });
}

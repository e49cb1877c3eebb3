import { z } from 'zod';
import { ErrorCodes, ValidationError, type IssuePath } from './errors';
import { eventTypes, isEventType, upcasters, type EventDataOf, type EventType } from './eventTypes';
import { Handling, Originator } from './handling';
import { EventId, IsoDateTime, newEventId } from './primitives';

/**
 * Stream ids: `<family>-<random id>`; no `$` (reserved by KurrentDB), bounded.
 */
export const StreamId = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[a-z][a-z0-9]*-[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'must look like <family>-<id>');

/** The envelope as signed: everything except the signature itself. */
export const UnsignedEnvelope = z.strictObject({
  id: EventId,
  type: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1).max(1000),
  streamId: StreamId,
  /** When it happened (the seizure, the loss), as the officer reports it. */
  occurredAt: IsoDateTime,
  /** When the originator's service recorded it. */
  recordedAt: IsoDateTime,
  originator: Originator,
  handling: Handling,
  correlationId: z.string().max(100).optional(),
  causationId: z.string().max(100).optional(),
  data: z.unknown(),
});
export type UnsignedEnvelope = z.infer<typeof UnsignedEnvelope>;

/**
 * Every fact that travels: an envelope with provenance and handling, and the
 * originator's detached JWS over the canonical form of the unsigned envelope.
 */
export const SignedEnvelope = UnsignedEnvelope.extend({
  signature: z.string().min(10).max(2000),
});
export type SignedEnvelope = z.infer<typeof SignedEnvelope>;

/** A signed envelope whose data is validated and upcast to the type's current version. */
export type TracebridgeEvent = {
  [T in EventType]: Omit<SignedEnvelope, 'type' | 'data'> & { type: T; data: EventDataOf<T> };
}[EventType];
export type EventOf<T extends EventType> = Extract<TracebridgeEvent, { type: T }>;

const toIssues = (error: z.ZodError, prefix: (string | number)[] = []): IssuePath[] =>
  error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));

/** Parse a message or stored record into a signed envelope; data is left unchecked. */
export function parseSignedEnvelope(raw: unknown): SignedEnvelope {
  const r = SignedEnvelope.safeParse(raw);
  if (!r.success) throw new ValidationError(ErrorCodes.INVALID_EVENT, 'the event envelope is invalid', toIssues(r.error));
  return r.data;
}

/**
 * Validate an envelope's data against its type, upcasting older versions
 * first. Verify the signature before calling this: it is computed over the
 * data as the originator wrote it, not as upcast.
 */
export function decodeEvent(envelope: SignedEnvelope): TracebridgeEvent {
  const { type } = envelope;
  if (!isEventType(type)) {
    throw new ValidationError(ErrorCodes.UNKNOWN_EVENT_TYPE, `unknown event type ${type}`, [{ path: ['type'], message: 'unknown event type' }]);
  }
  const spec = eventTypes[type];
  let version = envelope.schemaVersion;
  if (version > spec.version || (version < spec.version && spec.older?.[version] === undefined)) {
    throw new ValidationError(ErrorCodes.UNSUPPORTED_SCHEMA_VERSION, `${type} v${version} is not supported (current v${spec.version})`, [
      { path: ['schemaVersion'], message: 'unsupported schema version' },
    ]);
  }
  let data = envelope.data;
  while (version < spec.version) {
    const older = spec.older?.[version];
    const up = upcasters[type]?.[version];
    if (older === undefined || up === undefined) {
      throw new ValidationError(ErrorCodes.UNSUPPORTED_SCHEMA_VERSION, `no upcaster for ${type} v${version}`, [{ path: ['schemaVersion'], message: 'no upcaster' }]);
    }
    const r = older.safeParse(data);
    if (!r.success) throw new ValidationError(ErrorCodes.INVALID_EVENT, `${type} v${version} data is invalid`, toIssues(r.error, ['data']));
    data = up(r.data);
    version += 1;
  }
  const r = spec.schema.safeParse(data);
  if (!r.success) throw new ValidationError(ErrorCodes.INVALID_EVENT, `${type} data is invalid`, toIssues(r.error, ['data']));
  return { ...envelope, schemaVersion: spec.version, data: r.data } as TracebridgeEvent;
}

export interface NewEventInput<T extends EventType> {
  type: T;
  streamId: string;
  data: z.input<(typeof eventTypes)[T]['schema']>;
  originator: z.input<typeof Originator>;
  handling: z.input<typeof Handling>;
  occurredAt: string;
  /** From the caller's clock: nothing in here reads the time. */
  recordedAt: string;
  id?: string;
  correlationId?: string;
  causationId?: string;
}

/** Build and validate an unsigned envelope of the current schema version; defaults are filled before signing. */
export function createUnsignedEnvelope<T extends EventType>(input: NewEventInput<T>): UnsignedEnvelope {
  const spec = eventTypes[input.type];
  const dataResult = spec.schema.safeParse(input.data);
  if (!dataResult.success) {
    throw new ValidationError(ErrorCodes.BAD_USER_INPUT, `${input.type} data is invalid`, toIssues(dataResult.error, ['data']));
  }
  const r = UnsignedEnvelope.safeParse({
    id: input.id ?? newEventId(),
    type: input.type,
    schemaVersion: spec.version,
    streamId: input.streamId,
    occurredAt: input.occurredAt,
    recordedAt: input.recordedAt,
    originator: input.originator,
    handling: input.handling,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
    ...(input.causationId === undefined ? {} : { causationId: input.causationId }),
    data: dataResult.data,
  });
  if (!r.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'the event envelope is invalid', toIssues(r.error));
  return r.data;
}

export { toIssues as zodIssuesToPaths };

import { parseSignedEnvelope, type SignedEnvelope } from '@tracebridge/contracts';
import type { EventToAppend, RecordedEvent } from './eventStore';

/**
 * A signed envelope is stored as one event: its id and type as the store's,
 * its data as data, everything else (provenance, handling, signature) as
 * metadata. Nothing is dropped, so the signature still verifies when read back.
 */
export function envelopeToEvent(envelope: SignedEnvelope): EventToAppend {
  const { id, type, data, ...metadata } = envelope;
  return { id, type, data, metadata };
}

export function recordedToEnvelope(recorded: RecordedEvent): SignedEnvelope {
  const metadata = (recorded.metadata ?? {}) as Record<string, unknown>;
  return parseSignedEnvelope({ ...metadata, id: recorded.id, type: recorded.type, data: recorded.data });
}

/**
 * The envelope as it goes on the wire, without re-validating it: it was
 * validated and signed before it was appended, and every consumer verifies
 * it again. The relay's hot path; `recordedToEnvelope` is the checked form.
 */
export function recordedToWireEnvelope(recorded: RecordedEvent): Record<string, unknown> & { originator?: { agency?: unknown } } {
  const metadata = (recorded.metadata ?? {}) as Record<string, unknown>;
  return { ...metadata, id: recorded.id, type: recorded.type, data: recorded.data };
}

/**
 * The envelope's JSON text for the wire, from the stored text where the
 * adapter keeps it (no parse, no re-serialisation), else serialised. Key
 * order differs from the signed form; signatures cover the canonical form.
 */
export function recordedToWireJson(recorded: RecordedEvent): string {
  const raw = recorded.raw;
  if (raw?.metadata?.startsWith('{') && raw.metadata.length > 2) {
    return `{"id":${JSON.stringify(recorded.id)},"type":${JSON.stringify(recorded.type)},${raw.metadata.slice(1, -1)},"data":${raw.data}}`;
  }
  return JSON.stringify(recordedToWireEnvelope(recorded));
}

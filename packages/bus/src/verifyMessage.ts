import { decodeEvent, ErrorCodes, isEventType, parseSignedEnvelope, subjectFor, TracebridgeError, type TracebridgeEvent } from '@tracebridge/contracts';
import { verifyEventSignatureSync, type TrustRegistry } from '@tracebridge/identity';

/** A message as verified: its event, or why it must not be applied and whether a fresher trust registry might change that. */
export type Verified = { ok: true; event: TracebridgeEvent } | { ok: false; code: string; message: string; eventId?: string; staleRegistry: boolean };

const decoder = new TextDecoder();

/**
 * Parse a message, verify its signature against the originator's keys,
 * check its subject against the signed envelope, and upcast its data. Pure
 * and synchronous: it runs on the consumer's thread or on a verifier
 * thread (verifyPool.ts) alike.
 */
export function verifyMessage(subject: string, data: Uint8Array | string, registry: TrustRegistry): Verified {
  let eventId: string | undefined;
  try {
    const raw: unknown = JSON.parse(typeof data === 'string' ? data : decoder.decode(data));
    eventId = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : undefined;
    const envelope = parseSignedEnvelope(raw);
    verifyEventSignatureSync(envelope, registry);
    // The subject routes and filters; it must say what the signed envelope says.
    if (!isEventType(envelope.type) || subject !== subjectFor(envelope.originator.agency, envelope.type)) {
      return { ok: false, code: ErrorCodes.INVALID_EVENT, message: `subject ${subject} does not match the envelope`, eventId: envelope.id, staleRegistry: false };
    }
    return { ok: true, event: decodeEvent(envelope) };
  } catch (err) {
    // A new agency or a rotated key the registry held here does not list yet: refresh it before refusing the event,
    // and as UNKNOWN_SIGNER either way, so its dead letter is tried again when the registry changes.
    const staleRegistry = (err instanceof TracebridgeError && err.code === ErrorCodes.UNKNOWN_SIGNER) || (err instanceof TracebridgeError && err.details.unknownKey !== undefined);
    const code = staleRegistry ? ErrorCodes.UNKNOWN_SIGNER : err instanceof TracebridgeError ? err.code : ErrorCodes.INVALID_EVENT;
    const message = err instanceof SyntaxError ? 'message is not JSON' : String((err as Error).message ?? err);
    return { ok: false, code, message, ...(eventId ? { eventId } : {}), staleRegistry };
  }
}

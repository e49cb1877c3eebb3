import { createHmac } from 'node:crypto';

/** What a keyed id names: a seizure or a stockpile loss (the namespace keeps their ids apart). */
export type KeyedRecord = 'seizure' | 'stockpile';

/**
 * The port for record ids derived from an agency's clientReference. The
 * same reference always names the same record, so a retry from a flaky
 * border post finds it; nobody without the agency's key can derive or test
 * an id (domain.md, lesson 11). Asynchronous, so the key may live in a
 * KMS or HSM that computes the MAC without handing the key out.
 */
export interface KeyedIds {
  recordId(record: KeyedRecord, clientReference: string): Promise<string>;
}

/**
 * A record id for an agency's clientReference: an HMAC-SHA-256 with the
 * agency's secret, laid out as a UUIDv8 (custom).
 */
export function keyedId(secret: Uint8Array, namespace: KeyedRecord, agency: string, clientReference: string): string {
  const h = createHmac('sha256', secret).update(`${namespace}\u0000${agency}\u0000${clientReference}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Keyed ids with the agency's secret in this process's memory (the dev network derives it from the agency's key file). */
export function hmacKeyedIds(agency: string, secret: Uint8Array): KeyedIds {
  return { recordId: (record, clientReference) => Promise.resolve(keyedId(secret, record, agency, clientReference)) };
}

import { createHmac } from 'node:crypto';
import { normaliseIdentifier } from '@tracebridge/domain';

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
  /**
   * A keyed hash of a person's identity document number (normalised), for
   * matching persons across the agency's own seizures (PERSON links, issue
   * 9) without an index of the numbers themselves; null for a number too
   * short or junk to match on.
   */
  documentKey(documentNumber: string): Promise<string | null>;
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
  return {
    recordId: (record, clientReference) => Promise.resolve(keyedId(secret, record, agency, clientReference)),
    documentKey: (documentNumber) => Promise.resolve(documentKey(secret, agency, documentNumber)),
  };
}

/** HMAC-SHA-256 of the normalised document number, in its own namespace of the agency's secret; null when it cannot match. */
export function documentKey(secret: Uint8Array, agency: string, documentNumber: string): string | null {
  const normalised = normaliseIdentifier(documentNumber);
  return normalised === null ? null : createHmac('sha256', secret).update(`person-document\u0000${agency}\u0000${normalised}`).digest('base64url');
}

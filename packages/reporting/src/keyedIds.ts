import { createHmac } from 'node:crypto';

/**
 * A record id for an agency's clientReference: keyed (HMAC with the agency's
 * secret), so a retry from a flaky border post finds the same record, and
 * nobody without the key can derive or test an id (domain.md, lesson 11).
 * Laid out as a UUIDv8 (custom). `namespace` keeps seizures and losses apart.
 */
export function keyedId(secret: Uint8Array, namespace: 'seizure' | 'stockpile', agency: string, clientReference: string): string {
  const h = createHmac('sha256', secret).update(`${namespace}\u0000${agency}\u0000${clientReference}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const keyedSeizureId = (secret: Uint8Array, agency: string, clientReference: string): string => keyedId(secret, 'seizure', agency, clientReference);

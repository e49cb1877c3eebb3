import canonicalize from 'canonicalize';

/**
 * RFC 8785 JSON Canonicalization Scheme: the same value gives the same bytes
 * on every node, whatever key order its JSON arrived in.
 */
export function canonicalBytes(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return new TextEncoder().encode(text);
}

/**
 * Every event the relay publishes carries where it sits in its origin's
 * store (issue 10, item 2): its own position, and the position of the event
 * published before it from the same store. Consumers chain them per origin
 * (the originator agency of the verified envelope), so a message deleted,
 * purged or lost anywhere between the store and the consumer shows as a gap,
 * and the origin is asked to publish again from the last position taken in.
 * Transport metadata, not signed: a service can only publish on its own
 * agencies' subjects, so it can only confuse its own chain.
 */
export const ORIGIN_POSITION_HEADER = 'Tb-Origin-Position';
export const ORIGIN_PREVIOUS_HEADER = 'Tb-Origin-Previous';

export interface ChainLink {
  position: bigint;
  previous: bigint;
}

const POSITION = /^\d{1,19}$/;
/** SQLite's largest integer: a position beyond it could not be kept, and must never stop the consumer. */
const MAX_POSITION = 9223372036854775807n;

/**
 * The message's link in its origin's chain, or undefined when it has none
 * (an older relay) or a malformed one (out of order, beyond 64 bits): such a
 * message is taken as unchained, and its origin's chain shows the gap.
 */
export function readChainLink(headers: Readonly<Record<string, string>>): ChainLink | undefined {
  const p = headers[ORIGIN_POSITION_HEADER];
  const q = headers[ORIGIN_PREVIOUS_HEADER];
  if (p === undefined || q === undefined || !POSITION.test(p) || !POSITION.test(q)) return undefined;
  const link = { position: BigInt(p), previous: BigInt(q) };
  return link.previous < link.position && link.position <= MAX_POSITION ? link : undefined;
}

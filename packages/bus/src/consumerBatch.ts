import { ErrorCodes, type TracebridgeEvent } from '@tracebridge/contracts';
import type { ConsumerLedger } from './consumerLedger';
import type { Inbox } from './inbox';
import { ORIGIN_POSITION_HEADER, ORIGIN_PREVIOUS_HEADER, readChainLink } from './originChain';
import { RejectedEvent } from './rejectedEvent';
import type { Verified } from './verifyMessage';

/** A message to take in: from the stream (acked once its batch is durable) or a dead letter an operator replays. */
export interface Incoming {
  streamSequence: number;
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  /** Set when this is a dead letter being replayed: its row goes once it is taken in. */
  deadLetterId?: number;
}

export interface DeliveryInfo {
  subject: string;
  streamSequence: number;
}

/** What one batch did, counted into the consumer's stats only once its transaction has committed. */
export interface BatchTally {
  applied: number;
  duplicates: number;
  deadLettered: { code: string; subject: string; streamSequence: number; eventId: string | undefined; data: Uint8Array; reason: string }[];
  parked: number;
  /** Origins whose chain has a gap after this batch. */
  gapsOpened: Set<string>;
  /** Held events released (a gap filled) in this batch. */
  released: number;
  position: number;
}

export interface BatchDeps {
  ledger: ConsumerLedger;
  inbox: Inbox;
  handle: (event: TracebridgeEvent, delivery: DeliveryInfo) => void;
}

export const emptyTally = (position: number): BatchTally => ({ applied: 0, duplicates: 0, deadLettered: [], parked: 0, gapsOpened: new Set(), released: 0, position });

/**
 * Take in one batch of verified messages, inside the caller's transaction
 * (the read model's writes, the inbox, the chains, the parked events, the
 * dead letters and the stream position commit together). A permanently
 * bad message is dead-lettered; a handler's `RejectedEvent` rolls back that
 * event alone (a savepoint) and dead-letters it; any other error throws out
 * of the batch, which is rolled back whole and retried.
 */
export function takeBatch(deps: BatchDeps, batch: readonly Incoming[], verified: readonly Verified[], tally: BatchTally): void {
  batch.forEach((m, i) => {
    const v = verified[i]!;
    if (m.deadLetterId !== undefined) deps.ledger.dropDeadLetter(m.deadLetterId);
    if (!v.ok) {
      deadLetter(deps, tally, m, v.code, v.message, v.eventId);
      followOn(deps, tally, m);
    } else takeEvent(deps, tally, m, v.event);
    if (m.deadLetterId === undefined) tally.position = Math.max(tally.position, m.streamSequence);
  });
  deps.ledger.setPosition(tally.position);
  // A filled gap may bring the record another agency's event named (a case attachment, a trace): those refused for want of it are tried again.
  if (tally.released > 0) deps.ledger.requestReplayOf(ErrorCodes.RECORD_NOT_FOUND);
}

/** The agency whose subject a message came on: only its own service may publish there (the bus's permissions). */
const SUBJECT_AGENCY = /^tb\.v1\.([A-Z0-9-]+)\./;

/**
 * A refused message still held its place in its origin's chain: the chain
 * moves over it (it is kept as a dead letter, to replay), so one bad event
 * never holds its agency's later events back, nor has them re-published
 * again and again. The origin is the subject's agency, which only that
 * agency's service may publish on.
 */
function followOn(deps: BatchDeps, tally: BatchTally, m: Incoming): void {
  const link = readChainLink(m.headers);
  const origin = SUBJECT_AGENCY.exec(m.subject)?.[1];
  if (!link || !origin) return;
  const last = deps.ledger.last(origin);
  if (link.position <= last || link.previous > last) return;
  deps.ledger.setLast(origin, link.position);
  releaseParked(deps, tally, origin);
}

/**
 * Per origin, events are taken in their store's order (issue 10, item 2):
 * one that follows the last taken in is applied; an older one is a repeat
 * (the inbox drops it); one after a gap is held until the gap is filled by
 * the origin re-publishing, then applied in order with the ones after it.
 */
function takeEvent(deps: BatchDeps, tally: BatchTally, m: Incoming, event: TracebridgeEvent): void {
  const link = readChainLink(m.headers);
  if (!link) return apply(deps, tally, m, event);
  const origin = event.originator.agency;
  const last = deps.ledger.last(origin);
  if (link.position <= last) return apply(deps, tally, m, event);
  if (link.previous > last) {
    deps.ledger.park({ origin, position: link.position, previous: link.previous, streamSequence: m.streamSequence, subject: m.subject, data: m.data, event });
    tally.parked += 1;
    tally.gapsOpened.add(origin);
    return;
  }
  apply(deps, tally, m, event);
  deps.ledger.setLast(origin, link.position);
  releaseParked(deps, tally, origin);
}

/** Apply the origin's held events that now follow on, in order. */
function releaseParked(deps: BatchDeps, tally: BatchTally, origin: string): void {
  for (;;) {
    const next = deps.ledger.firstParked(origin);
    const last = deps.ledger.last(origin);
    if (!next || next.previous > last) return;
    deps.ledger.unpark(origin, next.position);
    tally.parked -= 1;
    tally.released += 1;
    const held: Incoming = {
      streamSequence: next.streamSequence,
      subject: next.subject,
      data: next.data,
      headers: { [ORIGIN_POSITION_HEADER]: String(next.position), [ORIGIN_PREVIOUS_HEADER]: String(next.previous) },
    };
    apply(deps, tally, held, next.event);
    if (next.position > last) deps.ledger.setLast(origin, next.position);
  }
}

function apply(deps: BatchDeps, tally: BatchTally, m: Incoming, event: TracebridgeEvent): void {
  try {
    if (deps.inbox.applyOnce(event.id, () => deps.handle(event, { subject: m.subject, streamSequence: m.streamSequence }))) tally.applied += 1;
    else tally.duplicates += 1;
  } catch (err) {
    // The event's savepoint has rolled back: nothing of it is applied or marked. Only a permanent verdict is quarantined here.
    if (!(err instanceof RejectedEvent)) throw err;
    deadLetter(deps, tally, m, err.code, err.message, event.id);
  }
}

function deadLetter(deps: BatchDeps, tally: BatchTally, m: Incoming, code: string, reason: string, eventId: string | undefined): void {
  deps.ledger.deadLetter({ streamSequence: m.streamSequence, subject: m.subject, code, reason, eventId, data: m.data, headers: m.headers });
  tally.deadLettered.push({ code, subject: m.subject, streamSequence: m.streamSequence, eventId, data: m.data, reason });
}

import { chainHeaders, toWireMessage, type RelayRun } from './relay';

/** Publishes awaiting their ack at once while re-publishing. */
const WINDOW = 128;

/**
 * Gap repair's half in the origin (issue 10, item 2): every stored event
 * after `after`, up to `upTo` (the gap's end) or else the store's end as
 * it is read, published again in
 * order, chained from `after` so the consumer can take them in after the
 * last position it holds. Fresh message ids: JetStream's duplicate window
 * would drop a message it saw before even when it has since been deleted
 * or purged; the consumers' inboxes drop what they already hold.
 */
export async function republishFrom(relay: RelayRun, after: bigint, upTo?: bigint): Promise<boolean> {
  if (relay.republishing || relay.stopped) return false;
  relay.republishing = true;
  const nonce = Date.now().toString(36);
  let previous = after;
  let from = after;
  const inFlight: Promise<unknown>[] = [];
  let done = false;
  try {
    while (!done) {
      const page = await relay.store.readAll({ after: from, maxCount: 500 });
      if (page.length === 0 || relay.stopped) break;
      for (const e of page) {
        done = upTo !== undefined && e.position > upTo;
        if (done) break;
        from = e.position;
        let message;
        try {
          message = toWireMessage(e);
        } catch {
          continue; // dead-lettered by the relay's own pass; the chain goes on from the event before it
        }
        const options = { msgID: `${e.id}~r${nonce}`, timeout: relay.timeout, ...chainHeaders(relay, e.position, previous) };
        inFlight.push(relay.js.publish(message.subject, message.payload, options));
        previous = e.position;
        relay.stats.republished += 1;
        if (inFlight.length >= WINDOW) await Promise.all(inFlight.splice(0));
      }
    }
    await Promise.all(inFlight);
    relay.logger?.info({ after: after.toString(), upTo: previous.toString() }, 'events published again on request');
    return true;
  } catch (err) {
    relay.logger?.warn({ err, after: after.toString() }, 're-publishing failed; the consumer will ask again');
    await Promise.allSettled(inFlight);
    return false;
  } finally {
    relay.republishing = false;
  }
}

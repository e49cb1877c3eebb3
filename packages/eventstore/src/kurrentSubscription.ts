import { START, type Filter, type RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { AllSubscription, RecordedEvent } from './eventStore';
import type { KurrentClient, KurrentClientSubscription, KurrentLogger } from './kurrentClient';
import { isTransient } from './kurrentFailures';
import { toReadPosition } from './kurrentRecords';

/** What a subscription to all of one store's events needs from the store. */
export interface SubscriptionSource {
  client: KurrentClient;
  /** The server-side filter: the store's prefix, or every stream but the system's. */
  filter: Filter;
  /** The same test on our side: whatever the server sends, only the store's own events come out. */
  owns(e: KurrentRecordedEvent): boolean;
  /** @throws EventPositionMissingError for an event without a position */
  toRecorded(e: KurrentRecordedEvent): RecordedEvent;
  isClosed(): boolean;
  /** Waits before resubscribing, by consecutive attempt without an event delivered; the last one repeats. */
  backoff: readonly number[];
  logger: KurrentLogger | undefined;
}

/** How one server subscription ended: by a failure, or cleanly; and whether it delivered anything first. */
interface PassOutcome {
  failure: unknown;
  delivered: boolean;
}

/**
 * A catch-up subscription to all of a store's events that outlives its
 * server subscriptions.
 *
 * When one fails with something a new one can cure (the node is unavailable
 * or no longer the leader, a deadline passed), it resubscribes after the last
 * event it delivered: nothing twice, nothing skipped. When the server ends
 * one cleanly, which a live subscription should never see, it does the same:
 * looping at once would spin. Either way it first waits, longer after each
 * attempt that delivered nothing, and logs the retry. Anything else (access
 * denied, a certificate refused, a filter refused, an event without a
 * position, anything unrecognised) ends it, logged, with the error thrown to
 * whoever iterates it: its consumer decides, and is seen to.
 */
export class ResubscribingSubscription implements AllSubscription {
  private stopped = false;
  private current: KurrentClientSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly iterator: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    /** The last position delivered: resubscriptions start after it. */
    private after: bigint | undefined,
  ) {
    this.iterator = this.events();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.unsubscribe();
    await this.iterator.return(undefined);
  }

  private get ended(): boolean {
    return this.stopped || this.source.isClosed();
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    let attempts = 0;
    try {
      while (!this.ended) {
        const { failure, delivered } = yield* this.pass();
        if (this.ended) return;
        if (failure !== undefined && !isTransient(failure)) {
          this.source.logger?.error({ err: failure, after: this.after?.toString() }, 'KurrentDB subscription failed; not resubscribing, the consumer gets the error');
          throw failure instanceof Error ? failure : new Error('KurrentDB subscription failed', { cause: failure });
        }
        attempts = delivered ? 0 : attempts;
        const waitMs = this.source.backoff[Math.min(attempts, this.source.backoff.length - 1)] ?? 1000;
        attempts += 1;
        const why = failure === undefined ? 'KurrentDB ended the subscription' : 'KurrentDB subscription dropped';
        this.source.logger?.warn({ err: failure, after: this.after?.toString(), waitMs, attempt: attempts }, `${why}; resubscribing after the last delivered event`);
        await this.sleep(waitMs);
      }
    } finally {
      await this.unsubscribe();
    }
  }

  /** One server subscription, from after the last delivered event, until it fails or ends. */
  private async *pass(): AsyncGenerator<RecordedEvent, PassOutcome> {
    let delivered = false;
    try {
      const { client, filter } = this.source;
      // subscribeToAll's fromPosition is exclusive: it starts after the given position.
      this.current = client.subscribeToAll({ fromPosition: this.after === undefined ? START : toReadPosition(this.after), filter });
      for await (const resolved of this.current) {
        const e = resolved.event;
        if (e === undefined || !this.source.owns(e)) continue;
        const recorded = this.source.toRecorded(e);
        if (this.after !== undefined && recorded.position <= this.after) continue;
        this.after = recorded.position;
        delivered = true;
        yield recorded;
      }
      return { failure: undefined, delivered };
    } catch (err) {
      return { failure: err, delivered };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Cancels the server subscription, if one is open. */
  private async unsubscribe(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.unsubscribe().catch(() => undefined);
  }
}

import type {
  AllStreamResolvedEvent,
  AppendResult as ClientAppendResult,
  AppendStreamState,
  EventData,
  Filter,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';

/** A running `subscribeToAll` of the client: its events, and a way to cancel it on the server. */
export interface KurrentClientSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

/**
 * The part of `KurrentDBClient` the adapter uses. `getKurrentEventStore`
 * takes one (or a connection string, from which it makes the real client),
 * so the failure paths can be driven without a server: a fake answers as
 * the server would, with the client's own error classes.
 */
export interface KurrentClient {
  appendToStream(streamName: string, events: EventData[], options: { streamState: AppendStreamState }): Promise<ClientAppendResult>;
  readStream(streamName: string, options: { fromRevision: ReadRevision; maxCount?: number }): AsyncIterable<ResolvedEvent>;
  readAll(options: { fromPosition: ReadPosition; maxCount: number; filter: Filter }): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition: ReadPosition; filter: Filter }): KurrentClientSubscription;
  dispose(): Promise<void>;
}

/**
 * Where the adapter reports what it does by itself (resubscriptions). A
 * pino logger fits; `@tracebridge/bus`'s `createLogger` gives one.
 */
export interface KurrentLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

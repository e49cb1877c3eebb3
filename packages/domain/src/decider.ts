import type { Originator } from '@tracebridge/contracts';

/**
 * Business logic as pure deciders (one per aggregate): decide(command, state)
 * → events, evolve(state, event) → state. No I/O, no clock, no randomness:
 * time and fresh ids come in the command's metadata from the service.
 */
export interface CommandMetadata {
  /** ISO timestamp from the service's injected clock. */
  now: string;
  /** The agency and state acting (from the officer's verified token). */
  actor: { agency: string; state: string };
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/**
 * What every decider emits, ready to be put in an envelope and signed: the
 * event's type and data, when it happened, how it is handled, and its
 * originator (the acting agency).
 */
export interface DecidedEvent<Type extends string = string, Data = unknown, Handling = unknown> {
  type: Type;
  data: Data;
  occurredAt: string;
  handling: Handling;
  /** Who the event is about to be signed by: it travels in the decider's events, so state never needs it patched in. */
  originator: Originator;
}

export interface Decider<C extends Command, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** Rebuild an aggregate's state from its events. */
export const replay = <C extends Command, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S => events.reduce((s, e) => decider.evolve(s, e), decider.initialState());

export type { Originator };

/** JSON with object keys sorted (and Maps as entries): equal values print equal, whatever order their keys were built in. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Map) return [...v];
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });

/** Whether two values are the same data (events, their payloads), key order aside. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

import { ErrorCodes, type EventDataInputOf, type Handling, type SeizureReported } from '@tracebridge/contracts';
import type { z } from 'zod';
import type { Command, DecidedEvent, Decider } from './decider';
import { DomainError } from './errors';

/**
 * A corridor's legs as a seizure gives them: origin, the transit states in
 * order, and the destination — or, when no destination is declared, the
 * state where the goods were seized (the corridor as far as it was used).
 * Consecutive repeats collapse (GH → GH is one leg); fewer than two states
 * is no corridor.
 */
export function seizureRouteLegs(data: Pick<SeizureReported, 'route' | 'location'>): string[] | null {
  const route = data.route;
  if (!route) return null;
  const raw = [route.origin, ...(route.transit ?? []), route.destination ?? data.location.country].filter((c): c is string => c !== undefined);
  const legs = raw.filter((c, i) => i === 0 || c !== raw[i - 1]);
  return legs.length >= 2 ? legs : null;
}

/** A corridor's id: its legs in order (ISO alpha-2), joined by '-'; the same legs are the same corridor. */
export const routeKey = (legs: readonly string[]): string => legs.join('-');

/** The legs of a corridor id (`routeKey`'s inverse). */
export const routeLegsOf = (key: string): string[] => key.split('-');

/**
 * The relative change of a count against the previous period of the same
 * length: (current − previous) / previous, rounded to 3 places; null when
 * the previous period has none (no base to compare with).
 */
export function trendOf(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 1000;
}

type HandlingInput = z.input<typeof Handling>;

export type RouteEvent = DecidedEvent<'RouteObserved', EventDataInputOf<'RouteObserved'>, HandlingInput>;
export type ObserveRoute = Command<'ObserveRoute', EventDataInputOf<'RouteObserved'> & { handling: HandlingInput }>;
export interface RouteState {
  observed: boolean;
}

/**
 * An analyst's route observation (issue 9): an assertion of its agency,
 * recorded once under its id. The legs are a corridor: two states at least,
 * no state followed by itself.
 */
export const routeDecider: Decider<ObserveRoute, RouteEvent, RouteState> = {
  initialState: () => ({ observed: false }),
  evolve: () => ({ observed: true }),
  decide(command, state) {
    if (state.observed) throw new DomainError(ErrorCodes.ROUTE_ALREADY_OBSERVED, 'this route observation is already recorded', ['routeId']);
    const { handling, ...data } = command.data;
    const repeated = data.legs.findIndex((c, i) => i > 0 && c === data.legs[i - 1]);
    if (repeated > 0) throw new DomainError(ErrorCodes.BAD_USER_INPUT, 'a leg goes from a state to another state, not to itself', ['legs', repeated]);
    const { now, actor } = command.metadata;
    return [{ type: 'RouteObserved', data, occurredAt: now, handling, originator: { agency: actor.agency, state: actor.state } }];
  },
};

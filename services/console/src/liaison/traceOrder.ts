/** What the order of tracing requests needs of each: the API's `overdue`, `deadline` and `status`. */
export interface OrderableTrace {
  id: string;
  status: string;
  deadline: string;
  overdue: boolean;
}

/** Answered or declined: nothing is awaited any more. */
export const isClosed = (status: string): boolean => status === 'ANSWERED' || status === 'UNABLE_TO_TRACE';

/** 0 overdue, 1 still open, 2 closed. */
const rank = (t: OrderableTrace): number => (t.overdue ? 0 : isClosed(t.status) ? 2 : 1);

/**
 * Tracing requests in the order an officer works them: overdue ones first (the longest overdue on top), then
 * those still awaiting an answer, then the answered and declined; each group by deadline, earliest first
 * (ties by id, so the order is stable across reloads). Pure: returns a new array.
 */
export function orderTraces<T extends OrderableTrace>(traces: readonly T[]): T[] {
  return [...traces].sort((a, b) => rank(a) - rank(b) || Date.parse(a.deadline) - Date.parse(b.deadline) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

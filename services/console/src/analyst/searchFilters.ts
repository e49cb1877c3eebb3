/**
 * The analyst screens' filters, from the form (kept in the page's URL, so a filtered view can be bookmarked and
 * shared) to the API's variables and the export's query string. Pure: tested on its own (searchFilters.unit.spec.ts).
 *
 * The form holds strings as the fields hold them: dates as the native date input gives them (`2026-03-31`). A
 * period's start is that day at 00:00 UTC; its end is inclusive for the officer ("until 31 March"), so the API's
 * exclusive `to` is the next day at 00:00 UTC. Anything else typed is passed on as it is, for the API to refuse
 * with the field's path.
 */

/** Every filter field of the analyst screens. */
export type FilterField = 'country' | 'originator' | 'from' | 'to' | 'manufacturer' | 'category' | 'state' | 'status' | 'name';
export type FilterValues = Partial<Record<FilterField, string>>;

export const SEIZURE_FIELDS: readonly FilterField[] = ['country', 'originator', 'from', 'to', 'manufacturer', 'category'];
export const ROUTE_FIELDS: readonly FilterField[] = ['from', 'to', 'country', 'category', 'manufacturer'];
export const DIVERSION_FIELDS: readonly FilterField[] = ['manufacturer', 'from', 'to'];
export const BROKER_FIELDS: readonly FilterField[] = ['name', 'state', 'status'];

export const BROKER_STATUSES = ['REGISTERED', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export type BrokerStatus = (typeof BROKER_STATUSES)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as the page's URL holds it: only the given fields, trimmed, empty ones left out. */
export function readFilter(params: URLSearchParams, fields: readonly FilterField[]): FilterValues {
  const values: FilterValues = {};
  for (const field of fields) {
    const value = params.get(field)?.trim();
    if (value) values[field] = value;
  }
  return values;
}

/** The URL's query for a filter (the same fields, in the same order). */
export function writeFilter(values: FilterValues, fields: readonly FilterField[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = values[field]?.trim();
    if (value) params.set(field, value);
  }
  return params;
}

/** A period's start: the day at 00:00 UTC. */
export function startOfDay(value: string): string {
  return DAY.test(value) ? `${value}T00:00:00.000Z` : value;
}

/** A period's inclusive last day, as the API's exclusive end: the next day at 00:00 UTC. */
export function endOfDay(value: string): string {
  if (!DAY.test(value)) return value;
  const next = new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000);
  return Number.isNaN(next.getTime()) ? value : next.toISOString();
}

function period(values: FilterValues): { from?: string; to?: string } {
  return { ...(values.from ? { from: startOfDay(values.from) } : {}), ...(values.to ? { to: endOfDay(values.to) } : {}) };
}

const pick = <K extends FilterField>(values: FilterValues, keys: readonly K[]): Partial<Record<K, string>> =>
  Object.fromEntries(keys.flatMap((k) => (values[k] ? [[k, values[k]]] : []))) as Partial<Record<K, string>>;

/** SeizureFilter (seizures, exportSeizures, GET /exports/seizures.csv). Country upper-cased (ISO alpha-2). */
export function seizureFilter(values: FilterValues) {
  const country = values.country?.toUpperCase();
  return { ...pick(values, ['originator', 'manufacturer', 'category']), ...(country ? { country } : {}), ...period(values) };
}

/** RouteFilter (routes, exportRoutes, GET /exports/routes.geojson). */
export function routeFilter(values: FilterValues) {
  const country = values.country?.toUpperCase();
  return { ...pick(values, ['category', 'manufacturer']), ...(country ? { country } : {}), ...period(values) };
}

/** DiversionClusterFilter. */
export function diversionFilter(values: FilterValues) {
  return { ...pick(values, ['manufacturer']), ...period(values) };
}

const isBrokerStatus = (value: string | undefined): value is BrokerStatus => BROKER_STATUSES.includes(value as BrokerStatus);

/** BrokerFilter; a status that is none of the four is left out. */
export function brokerFilter(values: FilterValues) {
  const state = values.state?.toUpperCase();
  return { ...pick(values, ['name']), ...(state ? { state } : {}), ...(isBrokerStatus(values.status) ? { status: values.status } : {}) };
}

/** The seizures export's query string: the same filter as the search (never the token). */
export function exportQuery(values: FilterValues): string {
  return new URLSearchParams(Object.entries<string>(seizureFilter(values))).toString();
}

/** The field keys `placeErrors` knows: an error at `["filter", "from"]` goes next to the From field. */
export const filterKeys = (fields: readonly FilterField[]): string[] => fields.map((f) => `filter.${f}`);

/** Placed field errors (`filter.from` → message) by filter field. */
export function errorsByField(placed: Record<string, string>): Partial<Record<FilterField, string>> {
  return Object.fromEntries(Object.entries(placed).flatMap(([key, message]) => (key.startsWith('filter.') ? [[key.slice('filter.'.length), message]] : [])));
}

/**
 * The clusters up to this one (the API's order is stable) and as many of its seizures as the operation budget
 * (10,000 points; each cluster's seizures count once per cluster asked) allows, at most 200.
 */
export function seizuresAsked(index: number, seizureCount: number): { first: number; seizures: number } {
  const affordable = Math.floor((9000 / (index + 1) - 20) / 10);
  return { first: index + 1, seizures: Math.max(1, Math.min(seizureCount, 200, affordable)) };
}

import { describe, expect, it } from 'vitest';
import { placeErrors } from '../api/errors';
import {
  brokerFilter,
  diversionFilter,
  endOfDay,
  errorsByField,
  exportQuery,
  filterKeys,
  readFilter,
  routeFilter,
  seizuresAsked,
  SEIZURE_FIELDS,
  seizureFilter,
  startOfDay,
  writeFilter,
} from './searchFilters';

describe('the filter in the URL', () => {
  it('reads only the given fields, trimmed, without the empty ones', () => {
    const params = new URLSearchParams('country=gh&from=2026-01-01&to=&manufacturer=%20Norinco%20&status=REVOKED');
    expect(readFilter(params, SEIZURE_FIELDS)).toEqual({ country: 'gh', from: '2026-01-01', manufacturer: 'Norinco' });
  });

  it('writes what it reads', () => {
    const values = { country: 'GH', category: 'PISTOL', from: '2026-01-01' };
    expect(readFilter(writeFilter(values, SEIZURE_FIELDS), SEIZURE_FIELDS)).toEqual(values);
    expect(writeFilter({ country: ' ', name: 'x' }, SEIZURE_FIELDS).toString()).toBe('');
  });
});

describe('a period', () => {
  it('starts at 00:00 UTC of its first day and ends after its last day (the API’s end is exclusive)', () => {
    expect(startOfDay('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(endOfDay('2026-03-31')).toBe('2026-04-01T00:00:00.000Z');
    expect(endOfDay('2026-12-31')).toBe('2027-01-01T00:00:00.000Z');
    expect(endOfDay('2028-02-28')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('passes anything else on as typed, for the API to refuse with the field’s path', () => {
    expect(startOfDay('yesterday')).toBe('yesterday');
    expect(endOfDay('2026-02-30x')).toBe('2026-02-30x');
  });
});

describe('filters as variables', () => {
  it('SeizureFilter: every field, country upper-cased, the period in UTC', () => {
    expect(seizureFilter({ country: 'gh', originator: 'GH-POLICE', from: '2026-01-01', to: '2026-06-30', manufacturer: 'Norinco', category: 'PISTOL' })).toEqual({
      country: 'GH',
      originator: 'GH-POLICE',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      manufacturer: 'Norinco',
      category: 'PISTOL',
    });
    expect(seizureFilter({})).toEqual({});
  });

  it('RouteFilter and DiversionClusterFilter take only their own fields', () => {
    expect(routeFilter({ country: 'tg', originator: 'GH-POLICE', category: 'RIFLE', to: '2026-01-31' })).toEqual({
      country: 'TG',
      category: 'RIFLE',
      to: '2026-02-01T00:00:00.000Z',
    });
    expect(diversionFilter({ manufacturer: 'Zastava', country: 'GH', from: '2026-01-01' })).toEqual({ manufacturer: 'Zastava', from: '2026-01-01T00:00:00.000Z' });
  });

  it('BrokerFilter: a status that is none of the four is left out', () => {
    expect(brokerFilter({ name: 'Sahel', state: 'bf', status: 'SUSPENDED' })).toEqual({ name: 'Sahel', state: 'BF', status: 'SUSPENDED' });
    expect(brokerFilter({ status: 'GONE' })).toEqual({});
  });
});

describe('the export', () => {
  it('asks for the same filter as the search, in the query string', () => {
    const query = new URLSearchParams(exportQuery({ country: 'gh', from: '2026-01-01', category: 'PISTOL' }));
    expect(Object.fromEntries(query)).toEqual({ country: 'GH', from: '2026-01-01T00:00:00.000Z', category: 'PISTOL' });
    expect(exportQuery({})).toBe('');
  });
});

describe('the API’s errors next to the filter fields', () => {
  it('puts ["filter", "from"] next to From, without the path before the message', () => {
    const placed = placeErrors(
      [
        { message: 'filter.to: from must be before to', extensions: { code: 'BAD_USER_INPUT', path: ['filter', 'to'] } },
        { message: 'busy', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } },
      ],
      filterKeys(SEIZURE_FIELDS),
    );
    expect(errorsByField(placed.fields)).toEqual({ to: 'from must be before to' });
    expect(placed.form).toHaveLength(1);
  });
});

describe('a diversion cluster’s seizures, within the operation budget', () => {
  it('asks the clusters up to this one, and as many of its seizures as fit (at most 200)', () => {
    expect(seizuresAsked(0, 3)).toEqual({ first: 1, seizures: 3 });
    expect(seizuresAsked(0, 500)).toEqual({ first: 1, seizures: 200 });
    expect(seizuresAsked(19, 500)).toEqual({ first: 20, seizures: 43 });
    expect(seizuresAsked(99, 500).seizures).toBeGreaterThanOrEqual(1);
  });
});

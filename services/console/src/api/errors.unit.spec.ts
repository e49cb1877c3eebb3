import { describe, expect, it } from 'vitest';
import { errorKind, placeErrors } from './errors';

const badInput = (path: (string | number)[], message: string, extra: Record<string, unknown> = {}) => ({
  message,
  extensions: { code: 'BAD_USER_INPUT', path, tbCode: 'TB_ERR_VALIDATION', ...extra },
});

describe('placeErrors: the API errors next to the fields they name', () => {
  const fields = ['input.location.country', 'input.items.0.serialNumber', 'input.items.1.serialNumber', 'input.handling.tlp', 'input.item'];

  it('puts a BAD_USER_INPUT error on the field of its extensions.path, without the path prefix the API adds', () => {
    const placed = placeErrors([badInput(['input', 'location', 'country'], 'input.location.country: not an ISO 3166-1 alpha-2 code')], fields);
    expect(placed.fields).toEqual({ 'input.location.country': 'not an ISO 3166-1 alpha-2 code' });
    expect(placed.form).toEqual([]);
  });

  it('tells the items apart by index', () => {
    const placed = placeErrors([badInput(['input', 'items', 1, 'serialNumber'], 'too long')], fields);
    expect(placed.fields).toEqual({ 'input.items.1.serialNumber': 'too long' });
  });

  it('goes up to the nearest field the form has when the path is deeper than any field', () => {
    const placed = placeErrors([badInput(['input', 'location', 'country', 'code'], 'bad')], fields);
    expect(placed.fields).toEqual({ 'input.location.country': 'bad' });
  });

  it('places every issue of extensions.issues with its own message, as the API sends them ({ path, message })', () => {
    // The API's shape (packages/server graphqlErrors.ts): path and message of the first issue, then up to 20 issues.
    const err = badInput(['input', 'location', 'country'], 'input.location.country: not a country', {
      issues: [
        { path: ['input', 'location', 'country'], message: 'not a country' },
        { path: ['input', 'items', 1, 'serialNumber'], message: 'too long' },
        { path: ['input', 'handling', 'tlp'], message: 'required' },
      ],
    });
    const placed = placeErrors([err], fields);
    expect(placed.fields).toEqual({ 'input.location.country': 'not a country', 'input.items.1.serialNumber': 'too long', 'input.handling.tlp': 'required' });
    expect(placed.form).toEqual([]);
  });

  it('places bare paths of extensions.issues too (an incomplete tracing request)', () => {
    const err = badInput(['input'], 'the request is incomplete', {
      issues: [
        ['input', 'item', 'model'],
        ['input', 'handling', 'tlp'],
      ],
    });
    const placed = placeErrors([err], fields);
    expect(Object.keys(placed.fields).sort()).toEqual(['input.handling.tlp', 'input.item']);
    expect(placed.form).toEqual([]);
  });

  it('keeps above the form what names no field of the form, and what is not about input', () => {
    const placed = placeErrors(
      [
        badInput(['input', 'brokers', 0, 'name'], 'unknown'),
        { message: 'busy', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } },
        { message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 } },
      ],
      fields,
    );
    expect(placed.fields).toEqual({});
    expect(placed.form).toEqual([
      { kind: 'input', message: 'unknown' },
      { kind: 'retryable', message: 'busy' },
      { kind: 'rateLimited', message: 'slow down', retryAfterSeconds: 12 },
    ]);
  });

  it('keeps the first message when two errors name one field', () => {
    const placed = placeErrors([badInput(['input', 'handling', 'tlp'], 'first'), badInput(['input', 'handling', 'tlp'], 'second')], fields);
    expect(placed.fields['input.handling.tlp']).toBe('first');
  });
});

describe('errorKind', () => {
  it('reads retryable from the extension even on another code', () => {
    expect(errorKind({ message: '', extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true } })).toBe('retryable');
    expect(errorKind({ message: '', extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false } })).toBe('other');
    expect(errorKind({ message: '', extensions: { code: 'FORBIDDEN' } })).toBe('forbidden');
    expect(errorKind({ message: 'no extensions' })).toBe('other');
  });
});

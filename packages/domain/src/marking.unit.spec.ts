import { describe, expect, it } from 'vitest';
import { Item } from '@tracebridge/contracts';
import { checkMarking } from './marking';

const weapon = (over: Record<string, unknown> = {}) =>
  Item.parse({
    itemId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b',
    kind: 'WEAPON',
    manufacturer: 'Glock',
    countryOfManufacture: 'AT',
    serial: { asRead: 'ABC123', normalised: 'ABC123' },
    ...over,
  });

describe('marking checks (PoA II.7–8)', () => {
  it('accepts a fully marked weapon', () => {
    expect(checkMarking(weapon())).toEqual([]);
  });

  it('flags each missing element of the marking', () => {
    const [w] = checkMarking(weapon({ manufacturer: undefined, countryOfManufacture: undefined, serial: undefined }));
    expect(w?.code).toBe('INADEQUATE_MARKING');
    expect(w?.message).toContain('manufacturer, country of manufacture, serial number');
  });

  it('flags an obliterated serial on its own, not as a missing one', () => {
    const ws = checkMarking(weapon({ serial: undefined, serialObliterated: true }));
    expect(ws.map((w) => w.code)).toEqual(['SERIAL_OBLITERATED']);
  });

  it('does not check ammunition', () => {
    expect(checkMarking(Item.parse({ itemId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b', kind: 'AMMUNITION', quantity: 50 }))).toEqual([]);
  });
});

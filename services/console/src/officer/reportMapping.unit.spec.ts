import { describe, expect, it } from 'vitest';
import { placeErrors } from '../api/errors';
import { emptyItem, emptyReportForm, type ReportForm } from './reportForm';
import { localToIso, reportFieldKeys, toReportInput } from './reportMapping';

const form = (change: (f: ReportForm) => void = () => {}): ReportForm => {
  const f = emptyReportForm('GH', 'ref-1');
  f.occurredAt = '2026-11-20T09:30';
  f.location.place = '  Tema port ';
  f.location.kind = 'PORT';
  f.items[0] = { ...emptyItem(), category: 'PISTOL', manufacturer: ' Glock ', serialNumber: 'AB 123', countryOfManufacture: 'AT' };
  change(f);
  return f;
};

describe('localToIso', () => {
  it('reads a datetime-local value as local time and gives ISO 8601 in UTC', () => {
    expect(localToIso('2026-11-20T09:30')).toBe(new Date(2026, 10, 20, 9, 30).toISOString());
    expect(localToIso('2026-11-20T09:30')).toMatch(/^2026-11-2\dT\d\d:\d\d:00\.000Z$/);
    expect(localToIso('2026-11-20T09:30:15')).toBe(new Date(2026, 10, 20, 9, 30, 15).toISOString());
  });
  it('sends what is not a date as typed, for the API to refuse at its field', () => {
    expect(localToIso('')).toBe('');
    expect(localToIso('yesterday')).toBe('yesterday');
  });
});

describe('toReportInput', () => {
  it('maps a customs form: trimmed, empty optional fields dropped, customs fields only', () => {
    const { kind, input } = toReportInput(
      'CUSTOMS',
      form((f) => {
        f.kindFields.customsOffice = ' Tema ';
        f.kindFields.caseNumber = 'not customs';
      }),
    );
    expect(kind).toBe('CUSTOMS');
    expect(input).toEqual({
      clientReference: 'ref-1',
      occurredAt: new Date(2026, 10, 20, 9, 30).toISOString(),
      location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
      items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialNumber: 'AB 123', countryOfManufacture: 'AT', quantity: 1 }],
      handling: { tlp: 'AMBER', code: 'H0', reliability: 'X', accuracy: 4 },
      customsOffice: 'Tema',
    });
    expect(Object.keys(input)).not.toContain('route');
    expect(Object.keys(input)).not.toContain('persons');
    expect(Object.keys(input)).not.toContain('conveyance');
  });

  it('keeps the route that was given, transit in order without empty entries', () => {
    const { input } = toReportInput(
      'POLICE',
      form((f) => {
        f.route = { origin: 'LY', transit: ['NE', '', 'BF'], destination: '' };
      }),
    );
    expect(input.route).toEqual({ origin: 'LY', transit: ['NE', 'BF'] });
  });

  it('maps persons, conveyance, handling and each kind its own fields', () => {
    const f = form((x) => {
      x.persons = [{ role: ' driver ', name: ' A. Person ', nationality: 'TG', documentNumber: ' ' }];
      x.conveyance = { mode: 'SEA', identifier: ' MSCU1234567 ' };
      x.handling = { tlp: 'RED', code: 'H3', restrictions: ' court only ', reliability: 'B', accuracy: '2' };
      x.items.push({ ...emptyItem(), kind: 'AMMUNITION', calibre: '7.62x39mm', quantity: '250', serialObliterated: true });
      x.kindFields = {
        customsOffice: '',
        declarationReference: '',
        caseNumber: 'C-1',
        recoveryContext: 'ARREST',
        crossingPoint: ' Aflao ',
        patrol: 'P7',
        directionOfTravel: 'INBOUND',
      };
    });
    const police = toReportInput('POLICE', f).input;
    expect(police.persons).toEqual([{ role: 'driver', name: 'A. Person', nationality: 'TG' }]);
    expect(police.conveyance).toEqual({ mode: 'SEA', identifier: 'MSCU1234567' });
    expect(police.handling).toEqual({ tlp: 'RED', code: 'H3', restrictions: 'court only', reliability: 'B', accuracy: 2 });
    expect(police.items[1]).toEqual({ kind: 'AMMUNITION', calibre: '7.62x39mm', quantity: 250, serialObliterated: true });
    expect(police).toMatchObject({ caseNumber: 'C-1', recoveryContext: 'ARREST' });
    expect(police).not.toHaveProperty('crossingPoint');
    const border = toReportInput('BORDER', f).input;
    expect(border).toMatchObject({ crossingPoint: 'Aflao', patrol: 'P7', directionOfTravel: 'INBOUND' });
    expect(border).not.toHaveProperty('caseNumber');
  });
});

describe('reportFieldKeys', () => {
  it('names each field as the API names its path, so its errors land on it', () => {
    const f = form((x) => {
      x.items.push(emptyItem());
      x.persons = [{ role: 'driver', name: '', nationality: '', documentNumber: '' }];
    });
    const keys = reportFieldKeys('BORDER', f);
    expect(keys).toContain('input.items.1.serialNumber');
    expect(keys).toContain('input.persons.0.name');
    expect(keys).toContain('input.location.place');
    expect(keys).toContain('input.crossingPoint');
    expect(keys).not.toContain('input.customsOffice');
    const placed = placeErrors(
      [
        { message: 'input.items.1.serialNumber: too long', extensions: { code: 'BAD_USER_INPUT', path: ['input', 'items', 1, 'serialNumber'] } },
        { message: 'bad transit', extensions: { code: 'BAD_USER_INPUT', path: ['input', 'route', 'transit', 2] } },
        { message: 'lat out of range', extensions: { code: 'BAD_USER_INPUT', path: ['input', 'location', 'lat'] } },
      ],
      keys,
    );
    expect(placed.fields).toEqual({ 'input.items.1.serialNumber': 'too long', 'input.route.transit': 'bad transit' });
    expect(placed.form).toEqual([{ kind: 'input', message: 'lat out of range' }]);
  });
});

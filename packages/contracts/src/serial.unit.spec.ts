import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSerial } from './serial';

describe('normaliseSerial', () => {
  it('ignores case, spaces, dashes and leading zeros', () => {
    expect(normaliseSerial('ab-0123')).toBe('AB0123');
    expect(normaliseSerial(' 000 ab 12-3 ')).toBe('AB123');
    expect(normaliseSerial('0045871')).toBe('45871');
  });

  it('never matches junk serials', () => {
    for (const junk of ['0', '000000', 'N/A', 'n-a', 'UNKNOWN', 'none', '', '  ', 'Obliterated']) {
      expect(normaliseSerial(junk), junk).toBeNull();
    }
  });

  it('is idempotent and insensitive to the ignored characters (property)', () => {
    const serial = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    fc.assert(
      fc.property(serial, fc.array(fc.constantFrom(' ', '-', '0'), { maxLength: 4 }), (s, noise) => {
        const n = normaliseSerial(s);
        if (n === null) return;
        expect(normaliseSerial(n)).toBe(n);
        // leading noise of zeros, spaces and dashes does not change the match key
        expect(normaliseSerial(noise.join('') + s)).toBe(n);
        expect(normaliseSerial(s.toLowerCase())).toBe(normaliseSerial(s.toUpperCase()));
      }),
    );
  });
});

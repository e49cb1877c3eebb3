import { EmbargoFile } from '@tracebridge/contracts';
import { describe, expect, it } from 'vitest';
import data from '../data/un-arms-embargoes.json';
import { screenEmbargoes } from './embargo';

const file = EmbargoFile.parse(data);

describe('embargo data file', () => {
  it('is valid, cites a source for every regime, and screens only regimes in force', () => {
    expect(file.regimes.length).toBeGreaterThanOrEqual(15);
    for (const r of file.regimes) {
      expect(r.sources.length).toBeGreaterThan(0);
      if (!r.inForce) expect(r.screening).toBe('NONE');
    }
    expect(new Set(file.regimes.map((r) => r.id)).size).toBe(file.regimes.length);
  });
});

describe('embargo screening (PoA II.15)', () => {
  it('warns EMBARGO for a whole-state embargo on any country of the route', () => {
    const ws = screenEmbargoes(
      [
        { country: 'GH', role: 'location' },
        { country: 'LY', role: 'origin' },
        { country: 'NE', role: 'transit' },
        { country: 'BF', role: 'destination' },
      ],
      file.regimes,
    );
    expect(ws.map((w) => [w.code, w.country, w.roles])).toEqual([['EMBARGO', 'LY', ['origin']]]);
    expect(ws[0]?.message).toContain('2804 (2025)');
  });

  it('warns EMBARGO_PARTIAL for embargoes on non-state actors or named entities', () => {
    const ws = screenEmbargoes(
      [
        { country: 'CD', role: 'destination' },
        { country: 'SO', role: 'transit' },
      ],
      file.regimes,
    );
    expect(ws.map((w) => `${w.code}:${w.country}`).sort()).toEqual(['EMBARGO_PARTIAL:CD', 'EMBARGO_PARTIAL:SO']);
  });

  it('does not warn for ended regimes or for a regime that was never an arms embargo', () => {
    expect(
      screenEmbargoes(
        [
          { country: 'CI', role: 'origin' },
          { country: 'LR', role: 'destination' },
          { country: 'ML', role: 'transit' },
        ],
        file.regimes,
      ),
    ).toEqual([]);
  });
});

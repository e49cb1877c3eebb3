import { describe, expect, it } from 'vitest';
import { clipSegment, regionOf } from './corridorGeometry';

const centroids: Record<string, [number, number]> = { TR: [35, 39], TG: [0.9, 8.5], GH: [-1.2, 7.9], ML: [-3.5, 17.3], BF: [-1.7, 12.3], US: [-98, 39] };
const centroid = (code: string) => centroids[code];

describe('the region the corridor map shows', () => {
  it('is every state crossed or reached, and the origins near them; a distant origin stays off the map', () => {
    const region = regionOf(
      [
        { id: 'TR-TG-GH', rank: 1, legs: ['TR', 'TG', 'GH'], seizures: 40 },
        { id: 'ML-BF', rank: 2, legs: ['ML', 'BF'], seizures: 20 },
        { id: 'US', rank: 3, legs: ['US'], seizures: 1 },
        { id: 'XX-GH', rank: 4, legs: ['XX', 'GH'], seizures: 1 },
      ],
      centroid,
    );
    expect([...region].sort()).toEqual(['BF', 'GH', 'ML', 'TG', 'US']);
  });
});

describe('a corridor leg clipped to the frame', () => {
  it('keeps what is inside, cuts where it enters, drops what is outside', () => {
    expect(clipSegment([10, 10], [20, 20], 100, 100)).toEqual([
      [10, 10],
      [20, 20],
    ]);
    expect(clipSegment([-100, 50], [50, 50], 100, 100)).toEqual([
      [0, 50],
      [50, 50],
    ]);
    expect(clipSegment([-100, -100], [-50, 200], 100, 100)).toBeNull();
  });
});

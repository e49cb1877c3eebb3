import { describe, expect, it } from 'vitest';
import { ExpiringMap } from './expiringMap';

describe('ExpiringMap', () => {
  it('forgets entries after their time and never holds more than its bound', () => {
    const m = new ExpiringMap<number>(1000, 3);
    expect(m.set('a', 1, 0)).toBe(true);
    expect(m.set('b', 2, 100)).toBe(true);
    expect(m.set('c', 3, 200)).toBe(true);
    expect(m.set('d', 4, 300)).toBe(false); // full of live entries
    expect(m.size).toBe(3);
    expect(m.get('a', 999)).toBe(1);
    expect(m.get('a', 1000)).toBeUndefined(); // expired, and swept from the front
    expect(m.size).toBe(2);
    expect(m.set('d', 4, 1000)).toBe(true);
    expect(m.get('d', 1999)).toBe(4);
    expect(m.get('b', 1999)).toBeUndefined();
  });

  it('renews an entry that is set again, moving it to the back', () => {
    const m = new ExpiringMap<number>(1000, 10);
    m.set('a', 1, 0);
    m.set('b', 2, 500);
    m.set('a', 3, 900);
    expect(m.get('a', 1500)).toBe(3);
    expect(m.get('b', 1500)).toBeUndefined();
  });
});

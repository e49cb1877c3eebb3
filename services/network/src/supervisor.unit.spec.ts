import { describe, expect, it } from 'vitest';
import { restartDelay } from './supervisor';

describe("the launcher's restart back-off", () => {
  it('doubles while a service keeps failing, up to its ceiling', () => {
    const backoff = { initialMs: 1000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n, backoff))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(restartDelay(0, backoff)).toBe(1000);
  });
});

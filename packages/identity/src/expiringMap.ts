/**
 * A map whose entries expire a fixed time after they were set, bounded in
 * size. With one TTL for all, insertion order is expiry order: expired
 * entries are dropped from the front, in time proportional to what expired,
 * never by scanning the whole map on a hot path.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  private sweep(now: number): void {
    for (const [key, e] of this.entries) {
      if (e.until > now) break;
      this.entries.delete(key);
    }
  }

  get(key: string, now = Date.now()): V | undefined {
    this.sweep(now);
    return this.entries.get(key)?.value;
  }

  /** Set (or renew) an entry. False when the map is full of live entries: the caller decides what that means. */
  set(key: string, value: V, now = Date.now()): boolean {
    this.sweep(now);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) return false;
    this.entries.set(key, { value, until: now + this.ttlMs });
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}

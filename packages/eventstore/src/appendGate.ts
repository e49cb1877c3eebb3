/**
 * A counting semaphore: at most `max` calls of `run` in flight, the rest
 * wait in arrival order.
 *
 * A finishing call hands its slot straight to the longest waiter; the count
 * never drops while someone waits. (Dropping it and then waking the waiter
 * left a gap of a microtask or more, before the waiter ran, in which a new
 * caller saw a free slot and took it too: max + 1 in flight.) A newcomer
 * also queues behind waiters rather than overtaking them.
 */
export class AppendGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`appends in flight must be a whole number of at least 1, not ${max}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.max && this.waiting.length === 0) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

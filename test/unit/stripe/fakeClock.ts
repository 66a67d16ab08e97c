/** A fake clock for the limiter's tests: timers run in time order, and no test sleeps for real. */
export class FakeClock {
  private t: number;
  private readonly timers: Array<{ at: number; seq: number; fn: () => void }> = [];
  private seq = 0;

  constructor(start = 1_000_000) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly setTimer = (fn: () => void, ms: number): (() => void) => {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  };

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(resolve, ms));
  }

  /** Runs timers in time order until `done` settles (microtasks drained between timers); throws past `limitMs`. */
  async runUntil<T>(done: Promise<T>, limitMs = 600_000): Promise<T> {
    let settled = false;
    const result = done.finally(() => (settled = true));
    const end = this.t + limitMs;
    for (;;) {
      // One macrotask turn drains every pending microtask.
      await new Promise((r) => setImmediate(r));
      if (settled) return result;
      if (this.timers.length === 0) throw new Error('nothing left to run, and the work is not done');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      if (next.at > end) throw new Error(`not done within ${limitMs} ms of fake time`);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
  }
}

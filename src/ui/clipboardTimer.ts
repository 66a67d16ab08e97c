/**
 * Clears a copied secret from the clipboard after a delay, but only if the clipboard still holds
 * it: whatever the person copied meanwhile is left alone. No `vscode` import, so it is unit-tested
 * in plain Node with a fake clock and clipboard.
 */

export interface ClipboardLike {
  readText(): PromiseLike<string>;
  writeText(text: string): PromiseLike<void>;
}

export interface TimerClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: TimerClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * What the timer did when it fired; for the log and the tests. `unknown`: the clipboard could not be
 * read (a throw, or the empty text VS Code in a browser returns when reading is refused), so it may
 * still hold the value.
 */
export type ClearOutcome = 'cleared' | 'changed' | 'unknown';

export class ClipboardAutoClear {
  private pending: { handle: unknown; value: string } | undefined;

  constructor(
    private readonly clipboard: ClipboardLike,
    private readonly clock: TimerClock = systemClock,
    private readonly onCleared?: (outcome: ClearOutcome) => void,
  ) {}

  /**
   * Copies `value` and, when `seconds` > 0, schedules the clear. A newer copy replaces the pending
   * clear, since the older value is no longer on the clipboard anyway.
   */
  async copy(value: string, seconds: number): Promise<void> {
    this.cancel();
    await this.clipboard.writeText(value);
    if (!(seconds > 0)) return;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- timer callback: nothing can wait for it
    const handle = this.clock.setTimeout(() => void this.fire(handle), seconds * 1000);
    this.pending = { handle, value };
  }

  /** True while a clear is scheduled. */
  get scheduled(): boolean {
    return this.pending !== undefined;
  }

  cancel(): void {
    if (this.pending) this.clock.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }

  dispose(): void {
    this.cancel();
  }

  /** Clears now what would be cleared later: a window that closes must not leave the value behind. */
  async flush(): Promise<void> {
    if (this.pending) {
      this.clock.clearTimeout(this.pending.handle);
      await this.fire(this.pending.handle);
    }
  }

  private async fire(handle: unknown): Promise<void> {
    const pending = this.pending;
    if (pending?.handle !== handle || !pending) return;
    const { value } = pending;
    this.pending = undefined;
    let outcome: ClearOutcome;
    try {
      const now = await this.clipboard.readText();
      if (now === value) {
        await this.clipboard.writeText('');
        outcome = 'cleared';
      } else {
        outcome = now === '' ? 'unknown' : 'changed';
      }
    } catch {
      outcome = 'unknown';
    }
    this.onCleared?.(outcome);
  }
}

/** The status-bar text after a copy: `Copied 'name'; clipboard clears in 30 s`. */
export function copiedMessage(name: string, seconds: number): string {
  return seconds > 0 ? `Copied '${name}'; clipboard clears in ${seconds} s` : `Copied '${name}'`;
}

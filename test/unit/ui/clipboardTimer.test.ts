import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClipboardAutoClear, copiedMessage, type ClearOutcome, type TimerClock } from '../../../src/ui/clipboardTimer';

class FakeClock implements TimerClock {
  private next = 1;
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs every pending timer, as if their time had come. */
  fireAll(): void {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, t] of due) t.callback();
  }
}

class FakeClipboard {
  text = '';
  failRead = false;
  async readText(): Promise<string> {
    if (this.failRead) throw new Error('no clipboard');
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
}

function setup() {
  const clock = new FakeClock();
  const clipboard = new FakeClipboard();
  const outcomes: ClearOutcome[] = [];
  let settled: () => void = () => undefined;
  const fired = () => new Promise<void>((resolve) => (settled = resolve));
  const timer = new ClipboardAutoClear(clipboard, clock, (o) => {
    outcomes.push(o);
    settled();
  });
  return { clock, clipboard, outcomes, timer, fired };
}

describe('ClipboardAutoClear', () => {
  it('copies and clears after the delay when the clipboard still holds the value', async () => {
    const { clock, clipboard, outcomes, timer, fired } = setup();
    await timer.copy('s3cret', 30);
    assert.equal(clipboard.text, 's3cret');
    assert.deepEqual(
      [...clock.timers.values()].map((t) => t.ms),
      [30_000],
    );
    const done = fired();
    clock.fireAll();
    await done;
    assert.equal(clipboard.text, '');
    assert.deepEqual(outcomes, ['cleared']);
    assert.equal(timer.scheduled, false);
  });

  it('leaves a clipboard that changed meanwhile alone', async () => {
    const { clock, clipboard, outcomes, timer, fired } = setup();
    await timer.copy('s3cret', 5);
    clipboard.text = 'something else';
    const done = fired();
    clock.fireAll();
    await done;
    assert.equal(clipboard.text, 'something else');
    assert.deepEqual(outcomes, ['changed']);
  });

  it('never schedules a clear for 0 seconds', async () => {
    const { clock, clipboard, timer } = setup();
    await timer.copy('s3cret', 0);
    assert.equal(clipboard.text, 's3cret');
    assert.equal(clock.timers.size, 0);
    assert.equal(timer.scheduled, false);
  });

  it('a newer copy replaces the pending clear', async () => {
    const { clock, clipboard, outcomes, timer, fired } = setup();
    await timer.copy('first', 30);
    await timer.copy('second', 10);
    assert.deepEqual(
      [...clock.timers.values()].map((t) => t.ms),
      [10_000],
    );
    const done = fired();
    clock.fireAll();
    await done;
    assert.equal(clipboard.text, '');
    assert.deepEqual(outcomes, ['cleared']);
  });

  it('dispose cancels the pending clear', async () => {
    const { clock, clipboard, timer } = setup();
    await timer.copy('s3cret', 30);
    timer.dispose();
    assert.equal(clock.timers.size, 0);
    assert.equal(clipboard.text, 's3cret');
  });

  it('reports a clipboard that cannot be read as unknown, never as changed, without throwing', async () => {
    const { clock, clipboard, outcomes, timer, fired } = setup();
    await timer.copy('s3cret', 1);
    clipboard.failRead = true;
    const done = fired();
    clock.fireAll();
    await done;
    assert.deepEqual(outcomes, ['unknown']);
    assert.equal(clipboard.text, 's3cret');
  });

  it('an empty read (what VS Code in a browser returns when reading is refused) is unknown too, and nothing is written', async () => {
    const { clock, clipboard, outcomes, timer, fired } = setup();
    await timer.copy('s3cret', 1);
    let writes = 0;
    clipboard.readText = async () => '';
    const write = clipboard.writeText.bind(clipboard);
    clipboard.writeText = async (t: string) => {
      writes++;
      await write(t);
    };
    const done = fired();
    clock.fireAll();
    await done;
    assert.deepEqual(outcomes, ['unknown']);
    assert.equal(writes, 0);
  });
});

describe('ClipboardAutoClear.flush', () => {
  it('clears at once a value still waiting for its timer, and only if the clipboard still holds it', async () => {
    const { clock, clipboard, outcomes, timer } = setup();
    await timer.copy('s3cret', 30);
    await timer.flush();
    assert.equal(clipboard.text, '');
    assert.deepEqual(outcomes, ['cleared']);
    assert.equal(clock.timers.size, 0);
    assert.equal(timer.scheduled, false);

    await timer.copy('other', 30);
    clipboard.text = 'copied by the person since';
    await timer.flush();
    assert.equal(clipboard.text, 'copied by the person since');
    assert.deepEqual(outcomes, ['cleared', 'changed']);
    await timer.flush();
    assert.deepEqual(outcomes, ['cleared', 'changed'], 'nothing pending: nothing to do');
  });
});

describe('copiedMessage', () => {
  it('names the secret and the delay, never the value', () => {
    assert.equal(copiedMessage('API_TOKEN', 30), "Copied 'API_TOKEN'; clipboard clears in 30 s");
    assert.equal(copiedMessage('API_TOKEN', 0), "Copied 'API_TOKEN'");
  });
});

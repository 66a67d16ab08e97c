import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_EDIT_MESSAGE_LENGTH, parseWebviewMessage } from '../../../src/model/valueEditorProtocol';

describe('parseWebviewMessage', () => {
  it('accepts exactly the messages the page sends', () => {
    for (const type of ['ready', 'show', 'hide', 'copy', 'fetch', 'save', 'revert', 'useTheirs', 'dismissTheirs', 'escape']) {
      assert.deepEqual(parseWebviewMessage({ type }), { type });
    }
    assert.deepEqual(parseWebviewMessage({ type: 'edit', text: 'line 1\nline 2' }), { type: 'edit', text: 'line 1\nline 2' });
    assert.deepEqual(parseWebviewMessage({ type: 'edit', text: '' }), { type: 'edit', text: '' });
  });

  it('refuses anything else', () => {
    const refused: unknown[] = [
      undefined, null, 'show', 42, [], ['show'],
      {}, { type: 'unknown' }, { type: 7 }, { type: 'show', extra: 1 },
      { type: 'edit' }, { type: 'edit', text: 5 }, { type: 'edit', text: 'x', more: true },
      { type: 'edit', text: 'x'.repeat(MAX_EDIT_MESSAGE_LENGTH + 1) },
      { type: '__proto__' }, { type: 'toString' }, { type: 'escape', key: 'Escape' },
    ];
    for (const raw of refused) assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
  });
});

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_EDIT_MESSAGE_LENGTH, parseHostMessage, parseWebviewMessage, type ViewState } from '../../../src/model/valueEditorProtocol';

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
      undefined,
      null,
      'show',
      42,
      [],
      ['show'],
      {},
      { type: 'unknown' },
      { type: 7 },
      { type: 'show', extra: 1 },
      { type: 'edit' },
      { type: 'edit', text: 5 },
      { type: 'edit', text: 'x', more: true },
      { type: 'edit', text: 'x'.repeat(MAX_EDIT_MESSAGE_LENGTH + 1) },
      { type: '__proto__' },
      { type: 'toString' },
      { type: 'escape', key: 'Escape' },
    ];
    for (const raw of refused) assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
  });
});

describe('parseHostMessage (what the page accepts from the extension)', () => {
  const state: ViewState = {
    mode: 'edit',
    name: 'api_key',
    where: 'the account scope of Test',
    live: false,
    status: 'ready',
    message: '',
    expiry: '',
    shown: true,
    value: 'v',
    hasTheirs: false,
    dirty: true,
    check: { lengthText: '1 of 5000 characters', tooLong: false },
    saving: false,
  };

  it('accepts a whole state, with or without its optional fields', () => {
    assert.deepEqual(parseHostMessage({ type: 'state', state }), { type: 'state', state });
    const bare: ViewState = { ...state, shown: false, value: undefined, check: undefined, mode: 'reveal' };
    assert.deepEqual(parseHostMessage({ type: 'state', state: bare }), { type: 'state', state: bare });
    const warned = { ...state, check: { lengthText: '2', tooLong: true, warning: 'Not JSON.' }, theirs: 'w', hasTheirs: true };
    assert.deepEqual(parseHostMessage({ type: 'state', state: warned }), { type: 'state', state: warned });
  });

  it('refuses a state with any field missing or of the wrong type', () => {
    const required = ['mode', 'name', 'where', 'live', 'status', 'message', 'expiry', 'shown', 'hasTheirs', 'dirty', 'saving'];
    for (const key of required) {
      const { [key as keyof ViewState]: _gone, ...rest } = state;
      assert.equal(parseHostMessage({ type: 'state', state: rest }), undefined, `without ${key}`);
    }
    const wrong: Record<string, unknown>[] = [
      { mode: 'view' },
      { name: 1 },
      { where: null },
      { live: 'no' },
      { status: 3 },
      { message: undefined },
      { expiry: 0 },
      { shown: 1 },
      { value: 5 },
      { hasTheirs: 'yes' },
      { theirs: false },
      { dirty: 0 },
      { saving: 'no' },
      { check: 'long' },
      { check: { lengthText: 1, tooLong: false } },
      { check: { lengthText: '1', tooLong: 'no' } },
      { check: { lengthText: '1', tooLong: false, warning: 7 } },
    ];
    for (const change of wrong)
      assert.equal(parseHostMessage({ type: 'state', state: { ...state, ...change } }), undefined, JSON.stringify(change));
    for (const raw of [{ type: 'state' }, { type: 'state', state: null }, { type: 'state', state: 'ready' }])
      assert.equal(parseHostMessage(raw), undefined, JSON.stringify(raw));
  });

  it('reads announcements and dirty marks, an error or saving flag only when it is true', () => {
    assert.deepEqual(parseHostMessage({ type: 'announce', text: 'Copied.' }), { type: 'announce', text: 'Copied.', error: false });
    assert.deepEqual(parseHostMessage({ type: 'announce', text: 'Failed.', error: true }), {
      type: 'announce',
      text: 'Failed.',
      error: true,
    });
    assert.deepEqual(parseHostMessage({ type: 'announce', text: 'x', error: 'yes' }), { type: 'announce', text: 'x', error: false });
    assert.deepEqual(parseHostMessage({ type: 'dirty', dirty: true }), { type: 'dirty', dirty: true, check: undefined, saving: false });
    const check = { lengthText: '3 of 5000 characters', tooLong: false };
    assert.deepEqual(parseHostMessage({ type: 'dirty', dirty: false, check, saving: true }), {
      type: 'dirty',
      dirty: false,
      check,
      saving: true,
    });
  });

  it('ignores anything else', () => {
    const ignored: unknown[] = [
      undefined,
      null,
      'state',
      7,
      [],
      {},
      { type: 'unknown' },
      { type: 'announce' },
      { type: 'announce', text: 3 },
      { type: 'dirty' },
      { type: 'dirty', dirty: 'yes' },
      { type: 'dirty', dirty: true, check: { lengthText: '1' } },
    ];
    for (const raw of ignored) assert.equal(parseHostMessage(raw), undefined, JSON.stringify(raw));
  });
});

describe('message edges', () => {
  it('an edit of exactly the longest text is accepted', () => {
    const text = 'x'.repeat(MAX_EDIT_MESSAGE_LENGTH);
    assert.deepEqual(parseWebviewMessage({ type: 'edit', text }), { type: 'edit', text });
  });

  it('a dirty flag on a message of another type is not read as a dirty mark', () => {
    assert.equal(parseHostMessage({ type: 'unknown', dirty: true }), undefined);
    assert.equal(parseHostMessage({ dirty: false }), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { afterwardsSentence } from '../../../src/model/scope';
import { describe, it } from 'node:test';
import {
  deleteFailureMessage,
  deleteQuestion,
  fullScopeAdvice,
  needsTypedConfirmation,
  scopeFullRefusal,
  typedConfirmationText,
} from '../../../src/commands/secretRules';

const ten = Array.from({ length: 10 }, (_, i) => `name${i}`);

describe('scopeFullRefusal', () => {
  it('allows a new name below the limit and any existing name at it', () => {
    assert.equal(scopeFullRefusal(ten.slice(0, 9), 'new', { type: 'account' }), undefined);
    assert.equal(scopeFullRefusal(ten, 'name3', { type: 'account' }), undefined);
  });

  it('refuses a new name in a full scope, saying what to do', () => {
    const message = scopeFullRefusal(ten, 'new', { type: 'user', user: 'usr_1' });
    assert.match(message ?? '', /^The scope of user usr_1 already holds 10 secrets/);
    assert.match(message ?? '', /delete one first, or set one of the existing names/);
  });

  it('counts distinct names', () => {
    assert.equal(scopeFullRefusal([...ten.slice(0, 9), 'name0'], 'new', { type: 'account' }), undefined);
  });
});

describe('delete confirmation', () => {
  it('asks for typing per the setting and the key mode', () => {
    assert.equal(needsTypedConfirmation('modal', ['live']), false);
    assert.equal(needsTypedConfirmation('typeNameInLiveMode', ['test']), false);
    assert.equal(needsTypedConfirmation('typeNameInLiveMode', ['test', 'live']), true);
    assert.equal(needsTypedConfirmation('typeNameAlways', ['test']), true);
  });

  it('types the name for one secret and the count for several', () => {
    assert.equal(typedConfirmationText(['API_KEY']), 'API_KEY');
    assert.equal(typedConfirmationText(['a', 'b', 'c']), 'delete 3');
  });

  it('names secrets, scope and connection', () => {
    assert.equal(
      deleteQuestion([{ connectionLabel: 'Shop', scope: { type: 'account' }, names: ['A'] }]),
      "Delete secret 'A' from the account scope of Shop? This cannot be undone.",
    );
    assert.equal(
      deleteQuestion([{ connectionLabel: 'Shop', scope: { type: 'user', user: 'usr_1' }, names: ['A', 'B'] }]),
      "Delete 2 secrets ('A', 'B') from the scope of user usr_1 of Shop? This cannot be undone.",
    );
    assert.equal(
      deleteQuestion([
        { connectionLabel: 'Shop', scope: { type: 'account' }, names: ['A'] },
        { connectionLabel: 'Shop', scope: { type: 'user', user: 'usr_1' }, names: ['B'] },
      ]),
      "Delete 2 secrets: 'A' from the account scope of Shop; 'B' from the scope of user usr_1 of Shop? This cannot be undone.",
    );
  });

  it('reports which deletes failed', () => {
    assert.equal(deleteFailureMessage(3, []), undefined);
    assert.equal(
      deleteFailureMessage(1, [{ name: 'A', reason: 'Stripe refused. (Request-Id req_1)' }]),
      'Stripe refused. (Request-Id req_1)',
    );
    assert.equal(deleteFailureMessage(3, [{ name: 'B', reason: 'Try again.' }]), "Deleted 2 of 3 secrets; not deleted: 'B' (Try again).");
    assert.equal(
      deleteFailureMessage(2, [
        { name: 'A', reason: 'x' },
        { name: 'B', reason: 'y' },
      ]),
      "None of the 2 secrets was deleted: 'A' (x); 'B' (y).",
    );
  });
});

describe('fullScopeAdvice', () => {
  it('says what to do: delete one of its names, or one JSON secret', () => {
    const advice = fullScopeAdvice({ type: 'user', user: 'usr_1' }, ['b', 'a']);
    assert.match(advice, /is full \(2\/10, the most Stripe allows\)/);
    assert.match(advice, /Delete one of its secrets \('a', 'b'\), or keep related values together in one JSON secret/);
  });
});

describe('afterwardsSentence', () => {
  it('says history keeps the value when it is on, and that nothing can be undone when it is off', () => {
    assert.equal(afterwardsSentence(0), 'This cannot be undone.');
    assert.equal(afterwardsSentence(0, true), 'The old value cannot be recovered.');
    assert.equal(afterwardsSentence(30), 'History keeps the value for 30 days (Undo, Show History…).');
    assert.equal(afterwardsSentence(1, true), 'History keeps the old value for 1 day (Undo, Show History…).');
    assert.match(
      deleteQuestion([{ connectionLabel: 'Shop', scope: { type: 'account' }, names: ['A'] }], 7),
      /\? History keeps the value for 7 days/,
    );
  });
});

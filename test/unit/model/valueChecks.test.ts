import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkValue } from '../../../src/model/valueChecks';

describe('checkValue', () => {
  it('counts the length against Stripe’s 5,000-character limit', () => {
    assert.deepEqual(
      { ...checkValue('x'.repeat(5000)) },
      { length: 5000, limit: 5000, tooLong: false, lengthText: '5,000 / 5,000 characters' },
    );
    assert.equal(checkValue('x'.repeat(5001)).tooLong, true);
    assert.equal(checkValue('').lengthText, '0 / 5,000 characters');
  });

  it('warns when text that starts like JSON does not parse, and says where without quoting it', () => {
    const value = '{\n  "token": "secretpart"\n  "other": 1\n}';
    assert.equal(
      checkValue(value).jsonWarning,
      'This looks like JSON but does not parse (invalid JSON at line 3, column 3); it will be saved as text.',
    );
    const unexpected = checkValue('{"token": secretpart}').jsonWarning ?? '';
    assert.match(unexpected, /does not parse/);
    assert.ok(!unexpected.includes('secretpart'));
    assert.match(checkValue('  [1, 2').jsonWarning ?? '', /does not parse/);
  });

  it('says nothing about valid JSON or text that is not JSON-like', () => {
    assert.equal(checkValue('{"a": [1, 2]}').jsonWarning, undefined);
    assert.equal(checkValue('xoxb-123').jsonWarning, undefined);
    assert.equal(checkValue('a {b').jsonWarning, undefined);
  });
});

describe('checkValue when the JSON error has no position', () => {
  it('still says the JSON is invalid when the text ends before the JSON does', () => {
    assert.equal(checkValue('[').jsonWarning, 'This looks like JSON but does not parse (invalid JSON); it will be saved as text.');
  });
});

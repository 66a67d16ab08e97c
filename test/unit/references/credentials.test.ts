import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCredentials, maskCredential, namingStyle, stringLiteralAt, suggestSecretName } from '../../../src/references/credentials';

// Assembled at run time so that this file holds no credential-shaped literal itself.
const SLACK = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const STRIPE_LIVE = 'sk_' + 'live_' + '51HxYzAbCdEfGhIjKlMnOpQrSt';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';

describe('hard-coded credentials', () => {
  it('flags whole literals with a credential shape, in each quote style', () => {
    const js = `const SLACK_TOKEN = '${SLACK}';\nconst key = "${STRIPE_LIVE}";\nconst aws = \`${AWS}\`;`;
    const found = findCredentials(js, 'javascript');
    assert.deepEqual(
      found.map((c) => [c.kind, c.assignedTo]),
      [
        ['Slack token', 'SLACK_TOKEN'],
        ['Stripe live secret key', 'key'],
        ['AWS access key id', 'aws'],
      ],
    );
    assert.equal(js.slice(found[0].contentStart, found[0].contentEnd), SLACK);
  });

  it('ignores test keys, prose, comments and templates that substitute', () => {
    const text = [
      `const test = 'sk_test_51HxYzAbCdEfGhIjKlMnOpQrSt';`,
      `const prose = 'put your ${STRIPE_LIVE} here';`,
      `// const c = '${STRIPE_LIVE}';`,
      `const t = \`${STRIPE_LIVE}\${suffix}\`;`,
    ].join('\n');
    assert.deepEqual(findCredentials(text, 'javascript'), []);
  });

  it('reads Python keyword arguments and PHP array keys as the variable', () => {
    assert.equal(findCredentials(`client = WebClient(token="${SLACK}")`, 'python')[0].assignedTo, 'token');
    assert.equal(findCredentials(`$cfg = ['slack_token' => '${SLACK}'];`, 'php')[0].assignedTo, 'slack_token');
  });

  it('masks to the prefix and the last four characters', () => {
    const masked = maskCredential(SLACK);
    assert.equal(masked, 'xoxb-…UvWx');
    assert.ok(!masked.includes('123456789012'));
    assert.equal(maskCredential(STRIPE_LIVE), 'sk_live_…QrSt');
  });

  it('finds the literal under a cursor or selection', () => {
    const text = `token = "abc"  # x`;
    assert.equal(stringLiteralAt(text, 'python', text.indexOf('b'))?.value, 'abc');
    assert.equal(stringLiteralAt(text, 'python', text.indexOf('x')), undefined);
  });

  it('suggests UPPER_SNAKE names', () => {
    // snake_case by default, as Stripe's docs name secrets; the app's own style when it has one.
    assert.equal(suggestSecretName('slackBotToken'), 'slack_bot_token');
    assert.equal(suggestSecretName('SLACK_TOKEN'), 'slack_token');
    assert.equal(suggestSecretName('slack-token'), 'slack_token');
    assert.equal(suggestSecretName('slackBotToken', 'screaming'), 'SLACK_BOT_TOKEN');
    assert.equal(suggestSecretName('SLACK_BOT_TOKEN', 'camel'), 'slackBotToken');
    assert.equal(suggestSecretName('slackBotToken', 'kebab'), 'slack-bot-token');
    assert.equal(suggestSecretName(undefined), '');
    assert.equal(namingStyle([]), 'snake');
    assert.equal(namingStyle(['hubspot_client_secret', 'OTHER_ONE', 'slack_bot_token']), 'snake');
    assert.equal(namingStyle(['HUBSPOT_KEY', 'SLACK_TOKEN', 'x']), 'screaming');
  });
});

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  credentialKind,
  findCredentials,
  maskCredential,
  namingStyle,
  stringLiteralAt,
  suggestSecretName,
  type NamingStyle,
} from '../../../src/references/credentials';

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

  it('knows each shape by its prefix, its alphabet and its length, and only as the whole value', () => {
    const k = (n: number, alphabet = 'aB3') => alphabet.repeat(n).slice(0, n);
    const shapes: Array<[kind: string, prefix: string, body: string, tooShort: string, badChar: string]> = [
      ['Stripe live secret key', 'sk_' + 'live_', k(16), k(15), k(15) + '_'],
      ['Stripe live restricted key', 'rk_' + 'live_', k(24), k(15), k(15) + '-'],
      ['Stripe webhook signing secret', 'whsec_', k(20, 'a+/='), k(15), k(15) + '_'],
      ['Slack token', 'xoxp-', k(10, 'a-1'), k(9), k(9) + '.'],
      ['GitHub token', 'ghp_', k(36), k(35), k(35) + '_'],
      ['GitHub token', 'github_' + 'pat_', k(22, 'a_B'), k(21), k(21) + '-'],
      ['AWS access key id', 'ASIA', k(16, 'A1'), k(15, 'A1'), k(15, 'A1') + 'a'],
      ['SendGrid API key', 'SG.', `${k(16, 'a_-')}.${k(16)}`, `${k(15)}.${k(16)}`, `${k(16)}.${k(15)}+`],
      ['OpenAI API key', 'sk-', k(32, 'a_-'), k(31), k(31) + '.'],
      ['OpenAI API key', 'sk-' + 'proj-', k(40), k(26), k(31) + '+'],
    ];
    for (const [kind, prefix, body, tooShort, badChar] of shapes) {
      const value = prefix + body;
      assert.equal(credentialKind(value), kind, value);
      assert.equal(credentialKind('x' + value), undefined, `text before ${value}`);
      assert.equal(credentialKind(value + ' '), undefined, `text after ${value}`);
      assert.equal(credentialKind(prefix + tooShort), undefined, `too short: ${prefix}${tooShort}`);
      assert.equal(credentialKind(prefix + badChar), undefined, `a character outside the key's alphabet: ${prefix}${badChar}`);
    }
    assert.equal(credentialKind('ghp_' + k(37)), undefined, 'a classic GitHub token has exactly 36 characters');
    assert.equal(credentialKind('AKIA' + k(17, 'A1')), undefined);
    assert.equal(credentialKind(`SG.${k(33)}.${k(16)}`), undefined);
    assert.equal(credentialKind(`SG.${k(16)}.${k(65)}`), undefined);
  });

  it('masks any value: a known prefix stays, the rest shows only its last four characters when it has more than twelve', () => {
    assert.equal(maskCredential('sk-' + 'abcdefghijklmnopqrstuvwxyz0123456789'), 'sk-…6789');
    assert.equal(maskCredential('sk-' + 'proj-abcdefghijklmnopqrstuvwxyz0123456789'), 'sk-proj-…6789');
    // Twelve characters after the prefix are too few to show four of them.
    assert.equal(maskCredential('rk_' + 'live_abcdefghijkl'), 'rk_live_…');
    assert.equal(maskCredential('rk_' + 'live_abcdefghijklm'), 'rk_live_…jklm');
    assert.equal(maskCredential('no known prefix at all 1234'), '…1234');
    assert.equal(maskCredential('my_sk_' + 'live_abcdefghijklmnop'), '…mnop');
  });

  it('reads the assignment a literal is the value of, and nothing else', () => {
    const assigned = (text: string, languageId = 'javascript') => findCredentials(text, languageId).map((c) => c.assignedTo);
    assert.deepEqual(assigned(`'${SLACK}'`), [undefined]);
    assert.deepEqual(assigned(`= '${SLACK}'`), [undefined]);
    assert.deepEqual(assigned(`connect('${SLACK}')`), [undefined]);
    assert.deepEqual(assigned(`const cfg = { slackToken: '${SLACK}' }`), ['slackToken']);
    assert.deepEqual(assigned(`token := "${SLACK}"`, 'go'), ['token']);
    assert.deepEqual(assigned(`$slackToken = '${SLACK}';`, 'php'), ['slackToken']);
    assert.deepEqual(assigned(`const key$ = '${SLACK}';`), ['key$']);
    // In a shell command `=` on its own is an argument, not an assignment.
    assert.deepEqual(assigned(`echo = "${SLACK}"`, 'shellscript'), [undefined]);
    assert.deepEqual(assigned(`SLACK_TOKEN="${SLACK}"`, 'shellscript'), ['SLACK_TOKEN']);
    assert.deepEqual(findCredentials(`"${SLACK}"`, 'plaintext'), []);
  });

  it('finds a literal from its opening quote to just after its closing one, and only literals', () => {
    const text = `token = "abc"  # x`;
    const open = text.indexOf('"');
    const close = text.lastIndexOf('"');
    assert.equal(stringLiteralAt(text, 'python', open)?.value, 'abc');
    assert.equal(stringLiteralAt(text, 'python', close + 1)?.value, 'abc');
    assert.equal(stringLiteralAt(text, 'python', open, close + 1)?.value, 'abc');
    assert.equal(stringLiteralAt(text, 'python', close + 2), undefined);
    // A selection that starts before the literal is not inside it.
    assert.equal(stringLiteralAt(text, 'python', open - 1, close), undefined);
    assert.equal(stringLiteralAt(text, 'python', open + 1, close + 2), undefined);
    // An identifier is no literal.
    assert.equal(stringLiteralAt(text, 'python', 1), undefined);
    assert.equal(stringLiteralAt(text, 'plaintext', open), undefined);
  });

  it("counts each name for the one style it follows, and picks the app's most common one", () => {
    /** The style one name counts for, or none. */
    const style = (name: string): NamingStyle | 'none' => {
      const alone = namingStyle([name]);
      if (alone !== 'snake') return alone;
      // snake is also the answer when nothing counts: beside one screaming name, only a snake name wins the tie.
      return namingStyle([name, 'AB_CD']) === 'snake' ? 'snake' : 'none';
    };
    const cases: Array<[string, NamingStyle | 'none']> = [
      ['slack_bot_token', 'snake'],
      ['a1_b2', 'snake'],
      ['SLACK_BOT_TOKEN', 'screaming'],
      ['A1_B2', 'screaming'],
      ['slack-bot-token', 'kebab'],
      ['a1-b2', 'kebab'],
      ['slackBotToken', 'camel'],
      ['aBc', 'camel'],
      ['a1Bc', 'camel'],
      ['slackAPIKey', 'camel'],
      ['slack', 'none'],
      ['Ab_c', 'none'],
      ['a_bC', 'none'],
      ['aB_C', 'none'],
      ['A_Bc', 'none'],
      ['Ab-c', 'none'],
      ['a-bC', 'none'],
      ['9abCd', 'none'],
      ['a_Bc', 'none'],
      ['aB-c', 'none'],
      ['-a-b', 'none'],
    ];
    for (const [name, expected] of cases) assert.equal(style(name), expected, name);
    assert.equal(namingStyle(['a-b', 'c-d', 'E_F']), 'kebab');
    assert.equal(namingStyle(['aB', 'cD', 'e_f']), 'camel');
    // A tie goes to snake_case, Stripe's docs' style.
    assert.equal(namingStyle(['a_b', 'A_B']), 'snake');
    assert.equal(namingStyle(['a-b', 'aB']), 'kebab');
  });

  it('suggests a name from the words of a variable, whatever separates them', () => {
    assert.equal(suggestSecretName('_private__key'), 'private_key');
    assert.equal(suggestSecretName('$slackToken', 'camel'), 'slackToken');
    assert.equal(suggestSecretName('x', 'kebab'), 'x');
  });
});

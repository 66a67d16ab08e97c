/**
 * The shell recogniser's reading of curl and Stripe CLI options: which word is the URL, which ones
 * carry fields, which calls take a name, and the lookup it writes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shell, shellWord } from '../../../src/references/languages/shell';
import { findReferences } from '../../../src/references/registry';

const FIND = 'https://api.stripe.com/v1/apps/secrets/find';
const CREATE = 'https://api.stripe.com/v1/apps/secrets';
const refs = (text: string) => findReferences(text, 'shellscript').map((r) => [r.name, r.call, r.scope]);
const calls = (text: string) => findReferences(text, 'shellscript').map((r) => `${r.name}:${r.call}`);
const ACCOUNT = { type: 'account' };

describe('shell recogniser: curl', () => {
  it('takes the URL from a bare word or --url, and never the value of an option that takes one', () => {
    assert.deepEqual(calls(`curl ${FIND} -d name=a`), ['a:find']);
    assert.deepEqual(calls(`curl --url ${FIND} -d name=a`), ['a:find']);
    assert.deepEqual(calls(`curl -d name=a --url`), []);
    const valued = ['-u', '--user', '-H', '--header', '-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie'];
    valued.push('-c', '--cookie-jar', '-K', '--config', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '--retry');
    valued.push('-x', '--proxy', '-T', '--upload-file', '-F', '--form', '--cacert', '--cert', '--key', '--resolve');
    for (const option of valued) assert.deepEqual(calls(`curl ${CREATE} -d name=a ${option} ${FIND}`), ['a:create'], option);
    assert.deepEqual(calls(`curl ${CREATE} -d name=a -s ${FIND}`), ['a:find']);
    assert.deepEqual(calls(`curl ${CREATE} -d name=a -Xpost ${FIND}`), ['a:find']);
  });

  it('reads fields from each data option, the URL query and --data-urlencode', () => {
    for (const option of ['-d', '--data', '--data-raw', '--data-ascii', '--data-binary']) {
      assert.deepEqual(refs(`curl ${FIND} ${option} 'name=a&scope[type]=account'`), [['a', 'find', ACCOUNT]], option);
    }
    assert.deepEqual(refs(`curl '${FIND}?scope%5Btype%5D=account&name=q'`), [['q', 'find', ACCOUNT]]);
    assert.deepEqual(refs(`curl ${FIND} --data-urlencode 'name=a b' --data-urlencode nothing --data-urlencode =x`), [
      ['a b', 'find', { type: 'unknown' }],
    ]);
    assert.deepEqual(refs(`curl ${FIND} --data-urlencode`), []);
    assert.deepEqual(refs(`curl ${FIND} --data-form name=a`), []);
    assert.deepEqual(refs(`curl ${FIND} -d`), []);
  });

  it('lists secrets with a GET of the bare path, which has no name', () => {
    for (const get of ['-G', '--get', '-X GET', '--request get', '-XGET']) {
      assert.deepEqual(calls(`curl ${get} ${CREATE} -d name=a`), [], get);
      assert.deepEqual(calls(`curl ${get} ${FIND} -d name=a`), ['a:find'], get);
    }
    assert.deepEqual(calls(`curl -X POST ${CREATE} -d name=a`), ['a:create']);
    assert.deepEqual(calls(`curl -X ${CREATE} -d name=a`), []);
    assert.deepEqual(calls(`curl -d name=a -X`), []);
  });

  it('finds curl by its program name after assignments and wrappers, in each command of a line', () => {
    assert.deepEqual(calls(`A=1 sudo command exec time env nohup /usr/bin/curl ${FIND} -d name=a`), ['a:find']);
    assert.deepEqual(calls(`xcurl ${FIND} -d name=a`), []);
    assert.deepEqual(calls(`curlx ${FIND} -d name=a`), []);
    assert.deepEqual(calls(`echo; curl ${FIND} -d name=a | jq; curl ${FIND} -d name=b`), ['a:find', 'b:find']);
    assert.deepEqual(calls(`env`), []);
    assert.deepEqual(calls(`curl ${FIND} -d "name=a" B=2`), ['a:find']);
  });

  it('needs a literal, non-empty name, and gives its exact offsets', () => {
    assert.deepEqual(calls(`curl ${FIND} -d "name=$N"`), []);
    assert.deepEqual(calls(`curl ${FIND} -d name=`), []);
    assert.deepEqual(calls(`curl ${FIND} -d scope[type]=account`), []);
    const text = `curl ${FIND} -d 'scope[type]=account' -d "name=ab"`;
    const [ref] = findReferences(text, 'shellscript');
    assert.equal(text.slice(ref.nameStart, ref.nameEnd), 'ab');
    const quoted = `curl ${FIND} -d na'me=a'b`;
    const [q] = findReferences(quoted, 'shellscript');
    assert.deepEqual([q.name, quoted.slice(q.nameStart, q.nameEnd)], ['ab', "a'b"]);
  });

  it('reads the scope only from literal fields', () => {
    assert.deepEqual(refs(`curl ${FIND} -d name=a -d scope[type]=user -d "scope[user]=$U"`), [['a', 'find', { type: 'user' }]]);
    assert.deepEqual(refs(`curl ${FIND} -d name=a -d scope[type]=user -d scope[user]=usr_1`), [
      ['a', 'find', { type: 'user', user: 'usr_1' }],
    ]);
    assert.deepEqual(refs(`curl ${FIND} -d name=a -d "scope[type]=$T"`), [['a', 'find', { type: 'unknown' }]]);
  });
});

describe('shell recogniser: Stripe CLI', () => {
  it('reads get, post and delete of the Secret Store paths, with or without a leading slash', () => {
    assert.deepEqual(calls(`stripe get /v1/apps/secrets/find -d name=a`), ['a:find']);
    assert.deepEqual(calls(`stripe post v1/apps/secrets -d name=a`), ['a:create']);
    assert.deepEqual(calls(`stripe delete /v1/apps/secrets/delete --data name=a`), ['a:deleteWhere']);
    assert.deepEqual(calls(`/opt/bin/stripe post /v1/apps/secrets/delete -d name=a`), ['a:deleteWhere']);
  });

  it('takes no name from a listing, another verb, another path or another program', () => {
    assert.deepEqual(calls(`stripe get /v1/apps/secrets -d name=a`), []);
    assert.deepEqual(calls(`stripe delete /v1/apps/secrets -d name=a`), []);
    assert.deepEqual(calls(`stripe put /v1/apps/secrets/find -d name=a`), []);
    assert.deepEqual(calls(`stripe get /v1/customers -d name=a`), []);
    assert.deepEqual(calls(`stripe get`), []);
    assert.deepEqual(calls(`xstripe get /v1/apps/secrets/find -d name=a`), []);
    assert.deepEqual(calls(`stripes get /v1/apps/secrets/find -d name=a`), []);
  });

  it('reads -d and --data fields as given, and the path query', () => {
    assert.deepEqual(refs(`stripe get /v1/apps/secrets/find -d name=a%20b -d scope[type]=account`), [['a%20b', 'find', ACCOUNT]]);
    assert.deepEqual(refs(`stripe get '/v1/apps/secrets/find?name=q'`), [['q', 'find', { type: 'unknown' }]]);
    assert.deepEqual(calls(`stripe get /v1/apps/secrets/find -d noequals -d =x -H name=h -d`), []);
    assert.deepEqual(calls(`stripe get /v1/apps/secrets/find name=a -d name=b`), ['b:find']);
  });
});

describe('shell recogniser: lookup', () => {
  it('writes a curl that reads the payload, quoting every value', () => {
    assert.equal(
      shell.lookup("it's", { type: 'account' }),
      `"$(curl -sSfG https://api.stripe.com/v1/apps/secrets/find -u "\\$STRIPE_SECRET_KEY:" -d 'scope[type]=account' --data-urlencode 'name=it'\\\\''s' -d 'expand[]=payload' | \${1:jq -r .payload})"`,
    );
    assert.match(
      shell.lookup('k', { type: 'user', user: 'usr_1' }),
      / -d 'scope\[type\]=user' --data-urlencode 'scope\[user\]=usr_1' --data-urlencode 'name=k' /,
    );
    assert.match(shell.lookup('k', { type: 'user' }), / --data-urlencode 'scope\[user\]=' /);
  });

  it('quotes a shell word so nothing in it expands', () => {
    assert.equal(shellWord(`a'b$c`), `'a'\\''b$c'`);
    assert.equal(shellWord(`''`), `''\\'''\\'''`);
  });
});

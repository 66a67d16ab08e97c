import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { backendSnippet, SNIPPET_LANGUAGES, type SnippetOptions } from '../../../src/model/snippet';
import type { SecretScope } from '../../../src/model/types';

// The texts of the SDK snippets, word for word. generatedCode.test.ts compiles and runs such snippets with
// the real toolchains, but takes minutes, so the mutation run leaves it out and relies on this one.

const CASES: Array<[string, SecretScope, SnippetOptions, Record<string, string>]> = [
  [
    'api_token',
    { type: 'user', user: 'usr_123' },
    { stripeAccount: 'acct_9' },
    {
      python:
        'secret = client.v1.apps.secrets.find(\n    {"name": "api_token", "scope": {"type": "user", "user": "usr_123"}, "expand": ["payload"]},\n    {"stripe_account": "acct_9"},\n)\nvalue = secret.payload',
      ruby: "secret = client.v1.apps.secrets.find(\n  { name: 'api_token', scope: { type: 'user', user: 'usr_123' }, expand: ['payload'] },\n  { stripe_account: 'acct_9' },\n)\nvalue = secret.payload",
      php: "$secret = $stripe->apps->secrets->find(\n    ['name' => 'api_token', 'scope' => ['type' => 'user', 'user' => 'usr_123'], 'expand' => ['payload']],\n    ['stripe_account' => 'acct_9'],\n);\n$value = $secret->payload;",
      go: 'params := &stripe.AppsSecretFindParams{\n\tName: stripe.String("api_token"),\n\tScope: &stripe.AppsSecretFindScopeParams{\n\t\tType: stripe.String(stripe.AppsSecretScopeTypeUser),\n\t\tUser: stripe.String("usr_123"),\n\t},\n}\nparams.AddExpand("payload")\nparams.SetStripeAccount("acct_9")\nsecret, err := sc.V1AppsSecrets.Find(context.TODO(), params)\nif err != nil {\n\treturn err\n}\nvalue := secret.Payload',
      java: 'SecretFindParams params =\n    SecretFindParams.builder()\n        .setName("api_token")\n        .setScope(\n            SecretFindParams.Scope.builder()\n                .setType(SecretFindParams.Scope.Type.USER)\n                .setUser("usr_123")\n                .build())\n        .addExpand("payload")\n        .build();\nRequestOptions options = RequestOptions.builder().setStripeAccount("acct_9").build();\nSecret secret = client.v1().apps().secrets().find(params, options);\nString value = secret.getPayload();',
      dotnet:
        'var options = new Stripe.Apps.SecretFindOptions\n{\n    Name = "api_token",\n    Scope = new Stripe.Apps.SecretScopeOptions { Type = "user", User = "usr_123" },\n    Expand = new List<string> { "payload" },\n};\nvar requestOptions = new RequestOptions { StripeAccount = "acct_9" };\nvar secret = await client.V1.Apps.Secrets.FindAsync(options, requestOptions);\nvar value = secret.Payload;',
    },
  ],
  [
    'it\'s a \\ "name"\n\t$x',
    { type: 'account' },
    { stripeContext: 'acct_platform/acct_connected' },
    {
      python:
        'secret = client.v1.apps.secrets.find(\n    {"name": "it\'s a \\\\ \\"name\\"\\n\\t$x", "scope": {"type": "account"}, "expand": ["payload"]},\n    {"stripe_context": "acct_platform/acct_connected"},\n)\nvalue = secret.payload',
      ruby: "secret = client.v1.apps.secrets.find(\n  { name: 'it\\'s a \\\\ \"name\"\n\t$x', scope: { type: 'account' }, expand: ['payload'] },\n  { stripe_context: 'acct_platform/acct_connected' },\n)\nvalue = secret.payload",
      php: "$secret = $stripe->apps->secrets->find(\n    ['name' => 'it\\'s a \\\\ \"name\"\n\t$x', 'scope' => ['type' => 'account'], 'expand' => ['payload']],\n    ['stripe_context' => 'acct_platform/acct_connected'],\n);\n$value = $secret->payload;",
      go: 'params := &stripe.AppsSecretFindParams{\n\tName: stripe.String("it\'s a \\\\ \\"name\\"\\n\\t$x"),\n\tScope: &stripe.AppsSecretFindScopeParams{\n\t\tType: stripe.String(stripe.AppsSecretScopeTypeAccount),\n\t},\n}\nparams.AddExpand("payload")\nparams.SetStripeContext("acct_platform/acct_connected")\nsecret, err := sc.V1AppsSecrets.Find(context.TODO(), params)\nif err != nil {\n\treturn err\n}\nvalue := secret.Payload',
      java: 'SecretFindParams params =\n    SecretFindParams.builder()\n        .setName("it\'s a \\\\ \\"name\\"\\n\\t$x")\n        .setScope(\n            SecretFindParams.Scope.builder()\n                .setType(SecretFindParams.Scope.Type.ACCOUNT)\n                .build())\n        .addExpand("payload")\n        .build();\nRequestOptions options = RequestOptions.builder().setStripeContext("acct_platform/acct_connected").build();\nSecret secret = client.v1().apps().secrets().find(params, options);\nString value = secret.getPayload();',
      dotnet:
        'var options = new Stripe.Apps.SecretFindOptions\n{\n    Name = "it\'s a \\\\ \\"name\\"\\n\\t$x",\n    Scope = new Stripe.Apps.SecretScopeOptions { Type = "account" },\n    Expand = new List<string> { "payload" },\n};\nvar requestOptions = new RequestOptions { StripeContext = "acct_platform/acct_connected" };\nvar secret = await client.V1.Apps.Secrets.FindAsync(options, requestOptions);\nvar value = secret.Payload;',
    },
  ],
  [
    'plain',
    { type: 'account' },
    {},
    {
      python:
        'secret = client.v1.apps.secrets.find(\n    {"name": "plain", "scope": {"type": "account"}, "expand": ["payload"]},\n)\nvalue = secret.payload',
      ruby: "secret = client.v1.apps.secrets.find(\n  { name: 'plain', scope: { type: 'account' }, expand: ['payload'] },\n)\nvalue = secret.payload",
      php: "$secret = $stripe->apps->secrets->find(\n    ['name' => 'plain', 'scope' => ['type' => 'account'], 'expand' => ['payload']],\n);\n$value = $secret->payload;",
      go: 'params := &stripe.AppsSecretFindParams{\n\tName: stripe.String("plain"),\n\tScope: &stripe.AppsSecretFindScopeParams{\n\t\tType: stripe.String(stripe.AppsSecretScopeTypeAccount),\n\t},\n}\nparams.AddExpand("payload")\nsecret, err := sc.V1AppsSecrets.Find(context.TODO(), params)\nif err != nil {\n\treturn err\n}\nvalue := secret.Payload',
      java: 'SecretFindParams params =\n    SecretFindParams.builder()\n        .setName("plain")\n        .setScope(\n            SecretFindParams.Scope.builder()\n                .setType(SecretFindParams.Scope.Type.ACCOUNT)\n                .build())\n        .addExpand("payload")\n        .build();\nSecret secret = client.v1().apps().secrets().find(params);\nString value = secret.getPayload();',
      dotnet:
        'var options = new Stripe.Apps.SecretFindOptions\n{\n    Name = "plain",\n    Scope = new Stripe.Apps.SecretScopeOptions { Type = "account" },\n    Expand = new List<string> { "payload" },\n};\nvar secret = await client.V1.Apps.Secrets.FindAsync(options);\nvar value = secret.Payload;',
    },
  ],
];

test('the SDK snippets for a user scope acting on an account, an account scope with a context and an odd name, and a plain one', () => {
  for (const [name, scope, options, expected] of CASES) {
    const { node: _node, curl: _curl, ...sdk } = backendSnippet(name, scope, options);
    assert.deepEqual(sdk, expected, name);
  }
});

test('the Node snippet word for word, acting through a Stripe-Context, with every escape a JS string needs', () => {
  const name = "a\rb\nc\u2028d\u2029e'f\\g";
  const { node } = backendSnippet(name, { type: 'user', user: 'usr_1' }, { stripeContext: 'acct_p/acct_c' });
  assert.equal(
    node,
    "const secret = await stripe.apps.secrets.find(\n  {scope: {type: 'user', user: 'usr_1'}, name: 'a\\rb\\nc\\u2028d\\u2029e\\'f\\\\g', expand: ['payload']},\n  {stripeContext: 'acct_p/acct_c'},\n);\nconst value = secret.payload;",
  );
});

test('Python, Go, Java and C# strings escape the line and paragraph separators', () => {
  const { python, go, java, dotnet } = backendSnippet('x\u2028y\u2029z', { type: 'account' });
  for (const text of [python, go, java, dotnet]) assert.ok(text.includes('"x\\u2028y\\u2029z"'), text);
});

test('curl: every trailing slash of the API base goes', () => {
  const { curl } = backendSnippet('n', { type: 'account' }, { apiBase: 'http://127.0.0.1:12111//' });
  assert.ok(curl.startsWith("curl -G 'http://127.0.0.1:12111/v1/apps/secrets/find'"), curl);
});

test('Copy Backend Snippet offers every language, in this order and with these words', () => {
  assert.deepEqual(SNIPPET_LANGUAGES, [
    { key: 'node', label: 'Node (stripe-node)', description: 'stripe.apps.secrets.find with an existing client' },
    { key: 'python', label: 'Python (stripe-python)', description: 'client.v1.apps.secrets.find with a StripeClient' },
    { key: 'ruby', label: 'Ruby (stripe-ruby)', description: 'client.v1.apps.secrets.find with a Stripe::StripeClient' },
    { key: 'php', label: 'PHP (stripe-php)', description: '$stripe->apps->secrets->find with a StripeClient' },
    { key: 'go', label: 'Go (stripe-go)', description: 'sc.V1AppsSecrets.Find with a stripe.Client' },
    { key: 'java', label: 'Java (stripe-java)', description: 'client.v1().apps().secrets().find with a StripeClient' },
    { key: 'dotnet', label: '.NET (Stripe.net)', description: 'client.V1.Apps.Secrets.FindAsync with a StripeClient' },
    { key: 'curl', label: 'curl', description: 'reads the key from $STRIPE_SECRET_KEY' },
  ]);
  assert.deepEqual(SNIPPET_LANGUAGES.map((l) => l.key).sort(), Object.keys(backendSnippet('n', { type: 'account' })).sort());
});

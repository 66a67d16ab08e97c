/**
 * Code a backend uses to read a secret, in each SDK's language and curl. It never contains a real
 * key: each snippet relies on an already-built client (`stripe`, `client`, `sc`, as each SDK's docs
 * name it) and curl reads the key from $STRIPE_SECRET_KEY. With a Stripe-Account, each passes it
 * the way its SDK takes per-request options.
 */
import type { SecretScope } from './types';

export interface SnippetOptions {
  /** `acct_...` the connection acts on; adds `stripeAccount` / `Stripe-Account`. */
  stripeAccount?: string;
  /** `acct_…` or `acct_platform/acct_connected` (an organization key's): adds `stripeContext` / `Stripe-Context` instead. */
  stripeContext?: string;
  /** Another API base for curl (e.g. the local emulator); default https://api.stripe.com. */
  apiBase?: string;
}

export interface BackendSnippet {
  node: string;
  curl: string;
  python: string;
  ruby: string;
  php: string;
  go: string;
  java: string;
  dotnet: string;
}

/** The languages in the order Copy Backend Snippet offers them. */
export const SNIPPET_LANGUAGES: ReadonlyArray<{ key: keyof BackendSnippet; label: string; description: string }> = [
  { key: 'node', label: 'Node (stripe-node)', description: 'stripe.apps.secrets.find with an existing client' },
  { key: 'python', label: 'Python (stripe-python)', description: 'client.v1.apps.secrets.find with a StripeClient' },
  { key: 'ruby', label: 'Ruby (stripe-ruby)', description: 'client.v1.apps.secrets.find with a Stripe::StripeClient' },
  { key: 'php', label: 'PHP (stripe-php)', description: '$stripe->apps->secrets->find with a StripeClient' },
  { key: 'go', label: 'Go (stripe-go)', description: 'sc.V1AppsSecrets.Find with a stripe.Client' },
  { key: 'java', label: 'Java (stripe-java)', description: 'client.v1().apps().secrets().find with a StripeClient' },
  { key: 'dotnet', label: '.NET (Stripe.net)', description: 'client.V1.Apps.Secrets.FindAsync with a StripeClient' },
  { key: 'curl', label: 'curl', description: 'reads the key from $STRIPE_SECRET_KEY' },
];

/** A double-quoted string literal for Python, Go, Java and C# (JSON's escapes are valid in each; `$` is plain). */
function cString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A single-quoted Ruby or PHP string literal (only `\\` and `\'` are escapes there). */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A single-quoted JavaScript string literal. */
export function jsString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${escaped}'`;
}

/** A single-quoted POSIX shell word (nothing inside is expanded). */
function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function backendSnippet(name: string, scope: SecretScope, options: SnippetOptions = {}): BackendSnippet {
  const scopeJs = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${jsString(scope.user)}}`;
  const nodeLines = [
    `const secret = await stripe.apps.secrets.find(`,
    `  {scope: ${scopeJs}, name: ${jsString(name)}, expand: ['payload']},`,
  ];
  const on = acting(options);
  if (on) nodeLines.push(`  {${on.header === 'Stripe-Context' ? 'stripeContext' : 'stripeAccount'}: ${jsString(on.value)}},`);
  nodeLines.push(`);`, `const value = secret.payload;`);
  const node = nodeLines.join('\n');

  const base = (options.apiBase ?? 'https://api.stripe.com').replace(/\/+$/, '');
  const lines = [`curl -G ${shellWord(base + '/v1/apps/secrets/find')}`, `-u "$STRIPE_SECRET_KEY:"`];
  if (on) lines.push(`-H ${shellWord(`${on.header}: ${on.value}`)}`);
  lines.push(`-d ${shellWord('scope[type]=' + scope.type)}`);
  if (scope.type === 'user') lines.push(`--data-urlencode ${shellWord('scope[user]=' + scope.user)}`);
  lines.push(`--data-urlencode ${shellWord('name=' + name)}`, `-d ${shellWord('expand[]=payload')}`);
  const curl = lines.join(' \\\n  ');
  return { node, curl, ...sdkSnippets(name, scope, on) };
}

/** The header a request acts through: Stripe-Context supersedes Stripe-Account, as at Stripe. */
interface Acting {
  header: 'Stripe-Account' | 'Stripe-Context';
  value: string;
}

function acting(options: SnippetOptions): Acting | undefined {
  if (options.stripeContext) return { header: 'Stripe-Context', value: options.stripeContext };
  return options.stripeAccount ? { header: 'Stripe-Account', value: options.stripeAccount } : undefined;
}

function sdkSnippets(name: string, scope: SecretScope, on: Acting | undefined): Omit<BackendSnippet, 'node' | 'curl'> {
  const account = on?.value;
  const context = on?.header === 'Stripe-Context';
  const user = scope.type === 'user' ? scope.user : undefined;
  const pyScope = user === undefined ? `{"type": "account"}` : `{"type": "user", "user": ${cString(user)}}`;
  const python = [
    `secret = client.v1.apps.secrets.find(`,
    `    {"name": ${cString(name)}, "scope": ${pyScope}, "expand": ["payload"]},`,
    ...(account ? [`    {"${context ? 'stripe_context' : 'stripe_account'}": ${cString(account)}},`] : []),
    `)`,
    `value = secret.payload`,
  ].join('\n');

  const rbScope = user === undefined ? `{ type: 'account' }` : `{ type: 'user', user: ${quoted(user)} }`;
  const ruby = [
    `secret = client.v1.apps.secrets.find(`,
    `  { name: ${quoted(name)}, scope: ${rbScope}, expand: ['payload'] },`,
    ...(account ? [`  { ${context ? 'stripe_context' : 'stripe_account'}: ${quoted(account)} },`] : []),
    `)`,
    `value = secret.payload`,
  ].join('\n');

  const phpScope = user === undefined ? `['type' => 'account']` : `['type' => 'user', 'user' => ${quoted(user)}]`;
  const php = [
    `$secret = $stripe->apps->secrets->find(`,
    `    ['name' => ${quoted(name)}, 'scope' => ${phpScope}, 'expand' => ['payload']],`,
    ...(account ? [`    ['${context ? 'stripe_context' : 'stripe_account'}' => ${quoted(account)}],`] : []),
    `);`,
    `$value = $secret->payload;`,
  ].join('\n');

  const goScope = [
    `\t\tType: stripe.String(stripe.AppsSecretScopeType${user === undefined ? 'Account' : 'User'}),`,
    ...(user === undefined ? [] : [`\t\tUser: stripe.String(${cString(user)}),`]),
  ];
  const go = [
    `params := &stripe.AppsSecretFindParams{`,
    `\tName: stripe.String(${cString(name)}),`,
    `\tScope: &stripe.AppsSecretFindScopeParams{`,
    ...goScope,
    `\t},`,
    `}`,
    `params.AddExpand("payload")`,
    ...(account ? [`params.${context ? 'SetStripeContext' : 'SetStripeAccount'}(${cString(account)})`] : []),
    `secret, err := sc.V1AppsSecrets.Find(context.TODO(), params)`,
    `if err != nil {`,
    `\treturn err`,
    `}`,
    `value := secret.Payload`,
  ].join('\n');

  const java = [
    `SecretFindParams params =`,
    `    SecretFindParams.builder()`,
    `        .setName(${cString(name)})`,
    `        .setScope(`,
    `            SecretFindParams.Scope.builder()`,
    `                .setType(SecretFindParams.Scope.Type.${user === undefined ? 'ACCOUNT' : 'USER'})`,
    ...(user === undefined ? [] : [`                .setUser(${cString(user)})`]),
    `                .build())`,
    `        .addExpand("payload")`,
    `        .build();`,
    ...(account
      ? [
          `RequestOptions options = RequestOptions.builder().${context ? 'setStripeContext' : 'setStripeAccount'}(${cString(account)}).build();`,
          `Secret secret = client.v1().apps().secrets().find(params, options);`,
        ]
      : [`Secret secret = client.v1().apps().secrets().find(params);`]),
    `String value = secret.getPayload();`,
  ].join('\n');

  const dotnet = [
    `var options = new Stripe.Apps.SecretFindOptions`,
    `{`,
    `    Name = ${cString(name)},`,
    `    Scope = new Stripe.Apps.SecretScopeOptions { Type = "${scope.type}"${user === undefined ? '' : `, User = ${cString(user)}`} },`,
    `    Expand = new List<string> { "payload" },`,
    `};`,
    ...(account
      ? [
          `var requestOptions = new RequestOptions { ${context ? 'StripeContext' : 'StripeAccount'} = ${cString(account)} };`,
          `var secret = await client.V1.Apps.Secrets.FindAsync(options, requestOptions);`,
        ]
      : [`var secret = await client.V1.Apps.Secrets.FindAsync(options);`]),
    `var value = secret.Payload;`,
  ].join('\n');
  return { python, ruby, php, go, java, dotnet };
}

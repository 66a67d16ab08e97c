/**
 * Every Secret Store method of every Stripe SDK, in each call form the SDK has, as found in the SDK's
 * own source (the file named per language, read from its GitHub repository). Each call is written the
 * way that SDK's generated examples write it and must be recognised with the right name, scope and
 * call. The listing methods take no name, so they yield no reference (checked too).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/references/registry';
import type { CallKind } from '../../../src/references/types';

interface Form {
  /** The SDK source that defines the method. */
  source: string;
  methods: ReadonlyArray<readonly [method: string, call: CallKind]>;
  /** The call for a method, reading `name` in the account scope (`user` → user scope usr_123). */
  code(method: string, name: string, user?: boolean): string;
}

/** find, create and the SDK's spelling of delete_where. */
function threeMethods(deleteWhere: string): ReadonlyArray<readonly [string, CallKind]> {
  return [
    ['find', 'find'],
    ['create', 'create'],
    [deleteWhere, 'deleteWhere'],
  ];
}

function check(languageId: string, forms: Record<string, Form>, list: string): void {
  for (const [formName, form] of Object.entries(forms)) {
    for (const [method, call] of form.methods) {
      for (const user of [false, true]) {
        it(`${formName}: ${method} (${form.source}), ${user ? 'user' : 'account'} scope`, () => {
          const name = `${method}_${user ? 'user' : 'account'}`;
          const text = form.code(method, name, user);
          const refs = findReferences(text, languageId);
          assert.deepEqual(
            refs.map((r) => [r.name, r.scope, r.call]),
            [[name, user ? { type: 'user', user: 'usr_123' } : { type: 'account' }, call]],
            text,
          );
          assert.equal(text.slice(refs[0].nameStart, refs[0].nameEnd), name);
        });
      }
    }
  }
  it(`the listing (${list}) takes no name and yields nothing`, () => assert.deepEqual(findReferences(list, languageId), []));
}

describe('stripe-python: stripe/apps/_secret.py (Secret) and stripe/apps/_secret_service.py (SecretService)', () => {
  const methods = [
    ['find', 'find'],
    ['find_async', 'find'],
    ['create', 'create'],
    ['create_async', 'create'],
    ['delete_where', 'deleteWhere'],
    ['delete_where_async', 'deleteWhere'],
  ] as const;
  const scope = (user?: boolean) => (user ? `{"type": "user", "user": "usr_123"}` : `{"type": "account"}`);
  const aw = (m: string) => (m.endsWith('_async') ? 'await ' : '');
  check(
    'python',
    {
      'stripe.apps.Secret': {
        source: 'stripe/apps/_secret.py',
        methods,
        code: (m, n, u) => `${aw(m)}stripe.apps.Secret.${m}(\n    name="${n}",\n    scope=${scope(u)},\n)`,
      },
      'Secret after from stripe.apps import Secret': {
        source: 'stripe/apps/_secret.py',
        methods,
        code: (m, n, u) => `from stripe.apps import Secret\n\n${aw(m)}Secret.${m}(name="${n}", scope=${scope(u)})`,
      },
      'client.apps.secrets': {
        source: 'stripe/apps/_secret_service.py',
        methods,
        code: (m, n, u) => `${aw(m)}client.apps.secrets.${m}(\n    {\n        "name": "${n}",\n        "scope": ${scope(u)},\n    }\n)`,
      },
      'client.v1.apps.secrets': {
        source: 'stripe/apps/_secret_service.py',
        methods,
        code: (m, n, u) => `${aw(m)}client.v1.apps.secrets.${m}({"name": "${n}", "scope": ${scope(u)}})`,
      },
      'client.apps.secrets with params=': {
        source: 'stripe/apps/_secret_service.py',
        methods,
        code: (m, n, u) => `client.apps.secrets.${m}(params={"name": "${n}", "scope": ${scope(u)}})`,
      },
    },
    `stripe.apps.Secret.list(scope={"type": "account"})\nawait client.v1.apps.secrets.list_async({"scope": {"type": "account"}})`,
  );
});

describe('stripe-go: apps_secret_service.go (V1AppsSecrets), apps/secret/client.go (the older package) and apps_secret.go (params)', () => {
  const scope = (params: string, u?: boolean) =>
    `&stripe.${params}{\n\t\tType: stripe.String(${u ? 'string(stripe.AppsSecretScopeTypeUser)' : 'string(stripe.AppsSecretScopeTypeAccount)'}),${u ? '\n\t\tUser: stripe.String("usr_123"),' : ''}\n\t}`;
  const v1 = {
    Create: ['AppsSecretCreateParams', 'AppsSecretCreateScopeParams'],
    Find: ['AppsSecretFindParams', 'AppsSecretFindScopeParams'],
    DeleteWhere: ['AppsSecretDeleteWhereParams', 'AppsSecretDeleteWhereScopeParams'],
  } as const;
  const old = {
    New: ['AppsSecretParams', 'AppsSecretScopeParams'],
    Find: ['AppsSecretFindParams', 'AppsSecretFindScopeParams'],
    DeleteWhere: ['AppsSecretDeleteWhereParams', 'AppsSecretDeleteWhereScopeParams'],
  } as const;
  const kinds = { Create: 'create', New: 'create', Find: 'find', DeleteWhere: 'deleteWhere' } as const;
  check(
    'go',
    {
      'sc.V1AppsSecrets': {
        source: 'apps_secret_service.go',
        methods: (Object.keys(v1) as Array<keyof typeof v1>).map((m) => [m, kinds[m]] as const),
        code: (m, n, u) => {
          const [params, scopeParams] = v1[m as keyof typeof v1];
          return `params := &stripe.${params}{\n\tName: stripe.String("${n}"),\n\tScope: ${scope(scopeParams, u)},\n}\nresult, err := sc.V1AppsSecrets.${m}(context.TODO(), params)`;
        },
      },
      'apps/secret package and sc.AppsSecrets': {
        source: 'apps/secret/client.go',
        methods: (Object.keys(old) as Array<keyof typeof old>).map((m) => [m, kinds[m]] as const),
        code: (m, n, u) => {
          const [params, scopeParams] = old[m as keyof typeof old];
          return `result, err := apps_secret.${m}(&stripe.${params}{Name: stripe.String("${n}"), Scope: ${scope(scopeParams, u)}})`;
        },
      },
    },
    `i := sc.V1AppsSecrets.List(context.TODO(), &stripe.AppsSecretListParams{Scope: &stripe.AppsSecretListScopeParams{Type: stripe.String("account")}})`,
  );
});

describe('stripe-ruby: lib/stripe/resources/apps/secret.rb, lib/stripe/services/apps/secret_service.rb, lib/stripe/params/apps/secret_*_params.rb', () => {
  const methods = threeMethods('delete_where');
  const scope = (u?: boolean) => (u ? `{ type: "user", user: "usr_123" }` : `{ type: "account" }`);
  const params = { find: 'SecretFindParams', create: 'SecretCreateParams', delete_where: 'SecretDeleteWhereParams' } as Record<
    string,
    string
  >;
  check(
    'ruby',
    {
      'Stripe::Apps::Secret': {
        source: 'lib/stripe/resources/apps/secret.rb',
        methods,
        code: (m, n, u) => `secret = Stripe::Apps::Secret.${m}({\n  name: "${n}",\n  scope: ${scope(u)},\n})`,
      },
      'client.v1.apps.secrets': {
        source: 'lib/stripe/services/apps/secret_service.rb',
        methods,
        code: (m, n, u) => `secret = client.v1.apps.secrets.${m}({\n  name: "${n}",\n  scope: ${scope(u)},\n})`,
      },
      'client.apps.secrets': {
        source: 'lib/stripe/services/apps/secret_service.rb',
        methods,
        code: (m, n, u) => `client.apps.secrets.${m}(name: '${n}', scope: ${scope(u)})`,
      },
      'Stripe::Apps::Secret…Params.new': {
        source: 'lib/stripe/params/apps/secret_*_params.rb',
        methods,
        code: (m, n, u) =>
          `params = Stripe::Apps::${params[m]}.new(name: "${n}", scope: Stripe::Apps::${params[m]}::Scope.new(type: "${u ? 'user' : 'account'}"${u ? ', user: "usr_123"' : ''}))\nclient.v1.apps.secrets.${m}(params)`,
      },
    },
    `Stripe::Apps::Secret.list({ scope: { type: "account" }, limit: 2 })`,
  );
});

describe('stripe-php: lib/Apps/Secret.php and lib/Service/Apps/SecretService.php', () => {
  const methods = threeMethods('deleteWhere');
  const scope = (u?: boolean) => (u ? `['type' => 'user', 'user' => 'usr_123']` : `['type' => 'account']`);
  check(
    'php',
    {
      '$stripe->apps->secrets': {
        source: 'lib/Service/Apps/SecretService.php',
        methods,
        code: (m, n, u) => `<?php\n$result = $stripe->apps->secrets->${m}([\n    'name' => '${n}',\n    'scope' => ${scope(u)},\n]);`,
      },
      '\\Stripe\\Apps\\Secret': {
        source: 'lib/Apps/Secret.php',
        methods,
        code: (m, n, u) => `<?php\n$secret = \\Stripe\\Apps\\Secret::${m}(['name' => '${n}', 'scope' => ${scope(u)}]);`,
      },
      'Secret after use Stripe\\Apps\\Secret': {
        source: 'lib/Apps/Secret.php',
        methods,
        code: (m, n, u) => `<?php\nuse Stripe\\Apps\\Secret;\n\n$secret = Secret::${m}(array('name' => "${n}", 'scope' => ${scope(u)}));`,
      },
    },
    `<?php $stripe->apps->secrets->all(['scope' => ['type' => 'account']]); \\Stripe\\Apps\\Secret::all(['scope' => ['type' => 'account']]);`,
  );
});

describe('stripe-java: com/stripe/service/apps/SecretService.java, com/stripe/model/apps/Secret.java, com/stripe/param/apps/Secret*Params.java', () => {
  const methods = threeMethods('deleteWhere');
  const params = { find: 'SecretFindParams', create: 'SecretCreateParams', deleteWhere: 'SecretDeleteWhereParams' } as Record<
    string,
    string
  >;
  const builder = (m: string, n: string, u?: boolean) =>
    `${params[m]}.builder()\n        .setName("${n}")\n        .setScope(\n            ${params[m]}.Scope.builder()\n                .setType(${params[m]}.Scope.Type.${u ? 'USER' : 'ACCOUNT'})${u ? '\n                .setUser("usr_123")' : ''}\n                .build())\n        .build()`;
  check(
    'java',
    {
      'client.v1().apps().secrets()': {
        source: 'com/stripe/service/apps/SecretService.java',
        methods,
        code: (m, n, u) => `${params[m]} params =\n    ${builder(m, n, u)};\nSecret secret = client.v1().apps().secrets().${m}(params);`,
      },
      'Secret with params': {
        source: 'com/stripe/model/apps/Secret.java',
        methods,
        code: (m, n, u) => `Secret secret = Secret.${m}(${builder(m, n, u)});`,
      },
      'Secret with Map.of': {
        source: 'com/stripe/model/apps/Secret.java',
        methods,
        code: (m, n, u) =>
          `Secret secret = Secret.${m}(Map.of("name", "${n}", "scope", Map.of("type", "${u ? 'user' : 'account'}"${u ? ', "user", "usr_123"' : ''})));`,
      },
    },
    `StripeCollection<Secret> list = client.v1().apps().secrets().list(SecretListParams.builder().setScope(SecretListParams.Scope.builder().setType(SecretListParams.Scope.Type.ACCOUNT).build()).build());`,
  );
});

describe('stripe-dotnet: src/Stripe.net/Services/Apps/Secrets/SecretService.cs and Secret*Options.cs', () => {
  const methods = [
    ['Find', 'find'],
    ['FindAsync', 'find'],
    ['Create', 'create'],
    ['CreateAsync', 'create'],
    ['DeleteWhere', 'deleteWhere'],
    ['DeleteWhereAsync', 'deleteWhere'],
  ] as const;
  const options = (m: string) => `Secret${m.replace(/Async$/, '')}Options`;
  const scope = (u?: boolean) =>
    `new Stripe.Apps.SecretScopeOptions { Type = "${u ? 'user' : 'account'}"${u ? ', User = "usr_123"' : ''} }`;
  const aw = (m: string) => (m.endsWith('Async') ? 'await ' : '');
  check(
    'csharp',
    {
      'new SecretService(client)': {
        source: 'src/Stripe.net/Services/Apps/Secrets/SecretService.cs',
        methods,
        code: (m, n, u) =>
          `var options = new Stripe.Apps.${options(m)}\n{\n    Name = "${n}",\n    Scope = ${scope(u)},\n};\nvar service = new Stripe.Apps.SecretService(this.StripeClient);\nStripe.Apps.Secret secret = ${aw(m)}service.${m}(options);`,
      },
      'client.V1.Apps.Secrets with new()': {
        source: 'src/Stripe.net/Services/Apps/Secrets/SecretService.cs',
        methods,
        code: (m, n, u) => `var secret = ${aw(m)}client.V1.Apps.Secrets.${m}(new() { Name = "${n}", Scope = ${scope(u)} });`,
      },
      'a SecretService with new()': {
        source: 'src/Stripe.net/Services/Apps/Secrets/SecretService.cs',
        methods,
        code: (m, n, u) =>
          `SecretService service = client.V1.Apps.Secrets;\nvar secret = ${aw(m)}service.${m}(new() { Name = "${n}", Scope = new() { Type = "${u ? 'user' : 'account'}"${u ? ', User = "usr_123"' : ''} } });`,
      },
    },
    `var secrets = await client.V1.Apps.Secrets.ListAsync(new Stripe.Apps.SecretListOptions { Scope = new Stripe.Apps.SecretScopeOptions { Type = "account" } });`,
  );
});

describe('stripe-node: src/resources/Apps/Secrets.ts, and raw requests to /v1/apps/secrets', () => {
  const methods = threeMethods('deleteWhere');
  const scope = (u?: boolean) => (u ? `{type: 'user', user: 'usr_123'}` : `{type: 'account'}`);
  const paths = {
    find: ['GET', '/v1/apps/secrets/find'],
    create: ['POST', '/v1/apps/secrets'],
    deleteWhere: ['POST', '/v1/apps/secrets/delete'],
  } as Record<string, [string, string]>;
  const query = (n: string, u?: boolean) => `name=${n}&scope[type]=${u ? 'user&scope[user]=usr_123' : 'account'}`;
  check(
    'typescript',
    {
      'stripe.apps.secrets': {
        source: 'src/resources/Apps/Secrets.ts',
        methods,
        code: (m, n, u) => `const secret = await stripe.apps.secrets.${m}({\n  name: '${n}',\n  scope: ${scope(u)},\n});`,
      },
      'rawRequest with params': {
        source: 'src/stripe.core.ts (rawRequest)',
        methods,
        code: (m, n, u) => `await stripe.rawRequest('POST', '${paths[m][1]}', {name: '${n}', scope: ${scope(u)}, payload: 'x'});`,
      },
      'rawRequest with the query in the path': {
        source: 'src/stripe.core.ts (rawRequest)',
        methods,
        code: (m, n, u) => `await stripe.rawRequest('${paths[m][0]}', '${paths[m][1]}?${query(n, u)}');`,
      },
      'StripeResource.extend (stripe-apps#930)': {
        source: 'StripeResource.method',
        methods,
        code: (m, n, u) =>
          `const path = \`${paths[m][1].slice(4)}?${query(n, u)}\`;\nconst SecretResource = Stripe.StripeResource.extend({\n  request: Stripe.StripeResource.method({method: '${paths[m][0]}', path}),\n});`,
      },
    },
    `await stripe.apps.secrets.list({scope: {type: 'account'}});`,
  );
});

describe('shell scripts: curl and the Stripe CLI against /v1/apps/secrets', () => {
  const methods = threeMethods('deleteWhere');
  const path = { find: '/v1/apps/secrets/find', create: '/v1/apps/secrets', deleteWhere: '/v1/apps/secrets/delete' } as Record<
    string,
    string
  >;
  const scope = (u?: boolean) => (u ? `-d "scope[type]=user" -d "scope[user]=usr_123"` : `-d "scope[type]=account"`);
  check(
    'shellscript',
    {
      curl: {
        source: 'the API reference',
        methods,
        code: (m, n, u) =>
          `curl ${m === 'find' ? '-G ' : ''}https://api.stripe.com${path[m]} \\\n  -u "$STRIPE_SECRET_KEY:" \\\n  -d name=${n} \\\n  ${scope(u)}`,
      },
      'curl --data-urlencode': {
        source: 'curl',
        methods,
        code: (m, n, u) =>
          `curl ${m === 'find' ? '--get' : '-X POST'} 'https://api.stripe.com${path[m]}' -u "$STRIPE_SECRET_KEY:" --data-urlencode 'name=${n}' ${scope(u)}`,
      },
      'stripe get/post': {
        source: 'Stripe CLI',
        methods,
        code: (m, n, u) => `stripe ${m === 'find' ? 'get' : 'post'} ${path[m]} -d name=${n} ${scope(u)}`,
      },
    },
    `curl -G https://api.stripe.com/v1/apps/secrets -u "$STRIPE_SECRET_KEY:" -d "scope[type]=account"\nstripe get /v1/apps/secrets -d "scope[type]=account"`,
  );
});

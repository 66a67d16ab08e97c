/** `new SecretFindOptions { Name = "x", Scope = new SecretFindScopeOptions { Type = "account" } }` (also Create and DeleteWhere options). */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

const OPTIONS = /^Secret(Find|Create|DeleteWhere)Options$/;

export const csharp: Recogniser = {
  id: 'csharp',
  languageIds: ['csharp'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], csharp: true },
  mentions: /Secret(Find|Create|DeleteWhere)Options/,
  find: (s) =>
    referencesAt(s, [[[OPTIONS, '{'], /^Secret/], [[OPTIONS, '(', ')', '{'], /^Secret/]], 'type'),
  lookup(name, scope) {
    const user = scope.type === 'user' ? `, User = ${JSON.stringify(scope.user ?? '')}` : '';
    const options = `new SecretFindOptions { Name = ${JSON.stringify(name)}, Scope = new SecretScopeOptions { Type = "${scope.type}"${user} }, Expand = new List<string> { "payload" } }`;
    return `(await \${1:client}.V1.Apps.Secrets.FindAsync(${snippetText(options)})).Payload`;
  },
};

/** Wording and command links shared by hover, diagnostics and quick fixes. */
import { Commands } from '../constants';
import type { SecretMeta, SecretScope } from '../model/types';
import type { ScopeNode, SecretNode } from '../services';

export const ACCOUNT: SecretScope = { type: 'account' };

export function setSecretTitle(name: string, scope: SecretScope): string {
  return `Set Secret '${name}' in ${scope.type === 'account' ? 'Account scope' : `the scope of user ${scope.user}`}…`;
}

/** The node Set Secret… gets from a quick fix or a hover: the scope, and the name to offer. */
export function setSecretNode(connectionId: string, scope: SecretScope, name: string): ScopeNode {
  return { kind: 'scope', connectionId, scope, name };
}

/** The node the tree passes to Reveal Secret. */
export function revealNode(connectionId: string, scope: SecretScope, secret: SecretMeta): SecretNode {
  return { kind: 'secret', connectionId, scope, secret };
}

export function commandLink(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

/** The only commands a hover's links may run (MarkdownString.isTrusted). */
export const HOVER_COMMANDS = [Commands.revealSecret, Commands.setSecret, Commands.findSecretAcrossAccounts];

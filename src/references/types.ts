/** What a recogniser reports about one Secret Store call in a source file. */

export type CallKind = 'find' | 'create' | 'deleteWhere';

/** A literal scope, or how much of it is known: a user scope whose user id is not a literal, or unknown. */
export type ReferenceScope = { type: 'account' } | { type: 'user'; user?: string } | { type: 'unknown' };

/** A reference as offsets into the text (recognisers work on offsets; the registry adds positions). */
export interface RawReference {
  name: string;
  /** Offsets of the name's characters, between the quotes. */
  nameStart: number;
  nameEnd: number;
  scope: ReferenceScope;
  call: CallKind;
}

export interface Position {
  /** Zero-based. */
  line: number;
  character: number;
}

export interface SecretReference extends RawReference {
  language: string;
  start: Position;
  end: Position;
}

/** A reference found in the workspace's code. */
export interface IndexedReference extends SecretReference {
  /** The file's URI string. */
  file: string;
}

/** What a `stripe-app.json` says that matters here: its app, and whether it lacks secret_write. */
export interface ManifestInfo {
  id?: string;
  name?: string;
  /** Undefined when `permissions` already grants secret_write. */
  missingSecretWrite?: {
    /** Where the diagnostic goes: the `"permissions"` key, or the manifest's opening brace when there is none. */
    start: number;
    end: number;
    /** The text to insert at `insertAt` for the quick fix. */
    insertAt: number;
    insertText: string;
  };
}

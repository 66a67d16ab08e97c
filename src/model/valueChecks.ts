/**
 * What a person should know about a value before it is sent: its length against Stripe's limit, and
 * whether text that starts like JSON parses. Shared by Set's value prompt and the value editor, so
 * both say the same thing. Nothing here repeats the value.
 */
import { MAX_PAYLOAD_LENGTH } from './types';

export interface ValueCheck {
  length: number;
  limit: number;
  /** True when Stripe would refuse the value for its length. */
  tooLong: boolean;
  /** "1,234 / 5,000 characters": for a status line beside the value. */
  lengthText: string;
  /** Set when the value starts like JSON (`{` or `[`) but does not parse: a warning, never a refusal. */
  jsonWarning?: string;
}

export function checkValue(value: string): ValueCheck {
  const length = value.length;
  const limit = MAX_PAYLOAD_LENGTH;
  const check: ValueCheck = {
    length,
    limit,
    tooLong: length > limit,
    lengthText: `${length.toLocaleString('en-US')} / ${limit.toLocaleString('en-US')} characters`,
  };
  const jsonError = jsonProblem(value);
  if (jsonError !== undefined) check.jsonWarning = `This looks like JSON but does not parse (${jsonError}); it will be saved as text.`;
  return check;
}

function jsonProblem(value: string): string | undefined {
  const start = value.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    JSON.parse(value);
    return undefined;
  } catch (err) {
    // V8's message may quote the text around the error, which is part of the value: keep only where.
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    if (!position) return 'invalid JSON';
    const before = value.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `invalid JSON at line ${line}, column ${column}`;
  }
}

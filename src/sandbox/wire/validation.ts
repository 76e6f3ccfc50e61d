/**
 * AWS words a failed member constraint the same way in every JSON service:
 * `1 validation error detected: Value '<value>' at '<member>' failed to satisfy constraint: <constraint>`.
 * Only the exception that carries the message differs, so the models share the wording and pick
 * their own exception.
 */

export function constraintMessage(shownValue: string, member: string, constraint: string): string {
  return `1 validation error detected: Value ${shownValue} at '${member}' failed to satisfy constraint: ${constraint}`;
}

/** A required member that is missing: AWS shows the value as a bare `null`. */
export function notNullMessage(member: string): string {
  return constraintMessage('null', member, 'Member must not be null');
}

/** A number outside its range, showing the value as the caller sent it. */
export function rangeMessage(sent: unknown, member: string, min: number, max: number): string {
  return constraintMessage(`'${String(sent)}'`, member, `Member must have value between ${min} and ${max}`);
}

/** A string that does not match the member's pattern (shown as the service documents it). */
export function patternMessage(sent: unknown, member: string, pattern: string): string {
  return constraintMessage(`'${String(sent)}'`, member, `Member must satisfy regular expression pattern: ${pattern}`);
}

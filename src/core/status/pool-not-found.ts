/**
 * A pool the primary Region does not know does not exist: its id names that Region, so that Region's
 * ResourceNotFoundException is the answer. Read commands say so (exit 3) instead of showing a table of
 * "no replica" or "absent". One message for every command that finds it.
 */
export function poolNotFoundMessage(userPoolId: string, answered: string[], note = ''): string {
  return (
    `user pool ${userPoolId} was not found: ${answered.join(' and ')} answered ResourceNotFoundException${note}. ` +
    'Check --pool (or userPoolId in the config) and that the credentials are for the account that owns the pool.'
  );
}

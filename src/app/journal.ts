/** Who applies, and where the operator's journal lives: shared by the mutation flow and the traffic moves. */
import { homedir, hostname, userInfo } from 'node:os';
import { defaultJournalPath, FileJournal } from './files/journal-file.js';

/** Who applies, as the journal, locks and history name them: user@host. */
export function actor(env: Record<string, string | undefined>): string {
  let user = env.USER ?? env.LOGNAME;
  try {
    user ??= userInfo().username;
  } catch {
    user ??= 'unknown';
  }
  return `${user}@${hostname()}`;
}

/** The operator's journal: MRRCTL_JOURNAL, else ~/.mrrctl/journal.jsonl. */
export function journalFor(ctx: { env: Record<string, string | undefined> }): FileJournal {
  const fromEnv = ctx.env.MRRCTL_JOURNAL;
  // Only the default ~/.mrrctl is mrrctl's own directory, to be kept at 0700.
  return new FileJournal(defaultJournalPath(ctx.env, ctx.env.HOME ?? homedir()), fromEnv === undefined || fromEnv.trim() === '');
}

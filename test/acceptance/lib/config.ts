/**
 * The acceptance config: which account, Regions and DNS name the real-account run may use. It names
 * no resources to reuse on purpose — the suite creates its own disposable pool, zone and checks, so
 * cleanup can prove each one is its own before deleting it. Refusals name the file, field and value.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface AcceptanceConfig {
  primaryRegion: string;
  secondaryRegion: string;
  /** Shared-config profile of the disposable account; the SDK's default chain when absent. */
  profile?: string;
  /** The suite creates the public hosted zone `<runId>.<dnsParent>`; it need not be delegated. */
  dnsParent: string;
  /** Where the ledger of created resources is kept (default `.mrrctl/acceptance`). */
  ledgerDir: string;
  /** Run the real-account path against a sandbox URL instead (a dry run of the suite itself). */
  sandboxUrl?: string;
}

export class AcceptanceInputError extends Error {}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const DNS_NAME = /^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const FIELDS = ['primaryRegion', 'secondaryRegion', 'profile', 'dnsParent', 'ledgerDir', 'sandboxUrl'];

export function parseAcceptanceConfig(file: string, text: string): AcceptanceConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new AcceptanceInputError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AcceptanceInputError(`${file}: expected a mapping with ${FIELDS.join(', ')}`);
  const doc = raw as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!FIELDS.includes(key)) throw new AcceptanceInputError(`${file}: unknown field ${JSON.stringify(key)}; expected one of ${FIELDS.join(', ')}`);
  }
  const text_ = (field: string, pattern: RegExp | undefined, expected: string, optional = false): string | undefined => {
    const value = doc[field];
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      throw new AcceptanceInputError(`${file}: ${field} is ${JSON.stringify(value ?? null)}; expected ${expected}`);
    }
    return value;
  };
  const primaryRegion = text_('primaryRegion', REGION, 'a Region name such as us-east-1')!;
  const secondaryRegion = text_('secondaryRegion', REGION, 'a Region name such as eu-west-1')!;
  if (primaryRegion === secondaryRegion) throw new AcceptanceInputError(`${file}: secondaryRegion is ${secondaryRegion}, the same as primaryRegion; expected another Region`);
  const sandboxUrl = text_('sandboxUrl', /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/, 'a local sandbox URL such as http://127.0.0.1:4566', true);
  return {
    primaryRegion,
    secondaryRegion,
    profile: text_('profile', /^[\w.+@-]{1,64}$/, 'a shared-config profile name', true),
    dnsParent: text_('dnsParent', DNS_NAME, 'a lower-case DNS name such as acceptance.example.com (the suite creates <runId>.<dnsParent>)')!,
    ledgerDir: text_('ledgerDir', /^[^\0]{1,500}$/, 'a directory path', true) ?? '.mrrctl/acceptance',
    ...(sandboxUrl ? { sandboxUrl: sandboxUrl.replace(/\/$/, '') } : {}),
  };
}

export function readAcceptanceConfig(file: string): AcceptanceConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AcceptanceInputError(`MRRCTL_ACCEPTANCE_CONFIG=${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseAcceptanceConfig(file, text);
}

/** What a real-account run needs from the environment; undefined when it may run. */
export function missingEnvironment(env: Record<string, string | undefined>): string | undefined {
  if (env.MRRCTL_ACCEPTANCE === '1' && env.MRRCTL_ACCEPTANCE_CONFIG) return undefined;
  return [
    'npm run test:aws creates real, billed AWS resources and runs only when asked to:',
    '  MRRCTL_ACCEPTANCE=1                      (you mean it)',
    '  MRRCTL_ACCEPTANCE_CONFIG=<file>          (primaryRegion, secondaryRegion, dnsParent, optional profile)',
    `  now: MRRCTL_ACCEPTANCE=${env.MRRCTL_ACCEPTANCE ?? '(unset)'}, MRRCTL_ACCEPTANCE_CONFIG=${env.MRRCTL_ACCEPTANCE_CONFIG ?? '(unset)'}`,
    'See docs/acceptance.md. The same scenarios run against the sandbox in `npm test`.',
  ].join('\n');
}

/** A run id that is short, sortable and safe in DNS labels, pool names and caller references. */
export function newRunId(now: Date = new Date(), random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(2, 12);
  return `acc${stamp}${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

export const RUN_ID = /^acc\d{10}[0-9a-z]{4}$/;

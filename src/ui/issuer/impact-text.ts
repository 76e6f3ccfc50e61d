/** The issuer impact report as terminal lines and as Markdown for a change ticket. */
import { impactSummary, type ClientImpact, type IssuerEndpoints, type IssuerImpact } from '../../core/issuer/impact.js';

const KIND_LABEL: Record<ClientImpact['kind'], string> = {
  mobile: 'mobile app',
  machine: 'machine-to-machine',
  web: 'web app',
  direct: 'direct sign-in (no OAuth flows)',
};

/** One row per distinct URL: with UPDATED every Region serves the same issuer. */
function regionRows(endpoints: IssuerEndpoints[]): Array<{ regions: string; issuer: string; jwks: string }> {
  const rows = new Map<string, { regions: string[]; issuer: string; jwks: string }>();
  for (const e of endpoints) {
    const row = rows.get(e.issuer) ?? { regions: [], issuer: e.issuer, jwks: e.jwks };
    row.regions.push(e.region);
    rows.set(e.issuer, row);
  }
  return [...rows.values()].map((r) => ({ ...r, regions: r.regions.join(', ') }));
}

function list(values: string[]): string {
  return values.length > 0 ? values.join(', ') : '—';
}

function mobileNote(client: ClientImpact): string {
  return client.kind === 'mobile' ? `needs a store release (${client.mobileSchemes.join(', ')})` : '';
}

/** What every owner of a listed app must do; the same advice in text and Markdown. */
export function impactAdvice(impact: IssuerImpact): string[] {
  if (!impact.changes) return [];
  return [
    'Every app and API that validates these tokens must accept the new issuer and fetch keys from the new JWKS URL.',
    'Tokens minted before the switch keep the old issuer until they expire: accept both issuers during the change.',
    ...(impact.summary.mobile > 0
      ? ['Mobile apps need a store release that accepts the new issuer before the switch reaches their users.']
      : []),
  ];
}

export function renderImpactText(impact: IssuerImpact): string[] {
  if (!impact.changes) {
    return [`Issuer of ${impact.userPoolId} is already ${impact.to}: nothing changes for its ${impactSummary(impact)}.`];
  }
  const lines = [`Issuer switch impact for ${impact.userPoolId}: ${impact.from ?? 'unknown (could not be read)'} → ${impact.to}`];
  if (impact.from === null) lines.push('  old issuer: unknown (the pool\'s issuer type could not be read): apps may validate either issuer today');
  for (const [label, endpoints] of [
    ['old', impact.before],
    ['new', impact.after],
  ] as const) {
    for (const row of regionRows(endpoints)) {
      lines.push(`  ${label} issuer (${row.regions}): ${row.issuer}`);
      lines.push(`  ${label} JWKS   (${row.regions}): ${row.jwks}`);
    }
  }
  lines.push(`App clients whose token validation must accept the new issuer: ${impactSummary(impact)}`);
  for (const c of impact.clients) {
    const note = mobileNote(c);
    lines.push(
      `  ${c.name || '(no name)'} (${c.clientId}) — ${KIND_LABEL[c.kind]}; OAuth flows: ${list(c.oauthFlows)}; ` +
        `secret: ${c.hasSecret ? 'yes' : 'no'}; callback hosts: ${list(c.callbackHosts)}; logout hosts: ${list(c.logoutHosts)}` +
        (note ? `  [MOBILE: ${note}]` : ''),
    );
  }
  lines.push(...impactAdvice(impact).map((a) => `  ! ${a}`));
  return lines;
}

/** A Markdown table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '—' ? text : `\`${text.replace(/`/g, "'")}\``;
}

export function renderImpactMarkdown(impact: IssuerImpact, opts: { generatedAt?: string } = {}): string {
  const out = [`# Issuer switch impact: ${impact.userPoolId}`, ''];
  out.push(`- Change: \`IssuerConfiguration.Type\` ${impact.from ?? 'unknown (could not be read)'} → ${impact.to} (primary Region ${impact.primaryRegion})`);
  out.push(`- App clients: ${impactSummary(impact)}`);
  if (opts.generatedAt) out.push(`- Generated: ${opts.generatedAt} by mrrctl issuer switch`);
  if (!impact.changes) out.push('', `The pool already uses the ${impact.to} issuer: nothing changes.`);
  out.push('', '## Issuer and JWKS URLs', '', '| | Regions | Issuer | JWKS |', '|---|---|---|---|');
  for (const [label, endpoints] of [
    ['Before', impact.before],
    ['After', impact.after],
  ] as const) {
    for (const row of regionRows(endpoints)) {
      out.push(`| ${label} | ${cell(row.regions)} | ${code(row.issuer)} | ${code(row.jwks)} |`);
    }
  }
  out.push('', '## App clients', '');
  if (impact.clients.length === 0) {
    out.push('The pool has no app clients.');
  } else {
    out.push('| Client | Id | Kind | OAuth flows | Secret | Callback hosts | Logout hosts | Note |', '|---|---|---|---|---|---|---|---|');
    for (const c of impact.clients) {
      out.push(
        `| ${cell(c.name || '(no name)')} | ${code(c.clientId)} | ${KIND_LABEL[c.kind]} | ${cell(list(c.oauthFlows))} | ` +
          `${c.hasSecret ? 'yes' : 'no'} | ${cell(list(c.callbackHosts))} | ${cell(list(c.logoutHosts))} | ${cell(mobileNote(c))} |`,
      );
    }
  }
  const advice = impactAdvice(impact);
  if (advice.length > 0) out.push('', '## What app owners must do', '', ...advice.map((a) => `- ${a}`));
  return `${out.join('\n')}\n`;
}

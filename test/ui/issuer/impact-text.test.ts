/** The issuer impact report as terminal lines and as Markdown for a change ticket. */
import { describe, expect, it } from 'vitest';
import { buildIssuerImpact } from '../../../src/core/issuer/impact.js';
import { direct, m2m, mobile, pool, web } from '../../core/issuer/fixtures.js';
import { renderImpactMarkdown, renderImpactText } from '../../../src/ui/issuer/impact-text.js';


describe('the impact report', () => {
  const impact = buildIssuerImpact({ pool, regions: ['us-east-1', 'eu-west-1'], from: 'ORIGINAL', to: 'UPDATED', clients: [web, mobile, m2m, direct] });

  it('renders text lines naming every client, its hosts, and the mobile release', () => {
    const text = renderImpactText(impact).join('\n');
    expect(text).toContain('ORIGINAL → UPDATED');
    expect(text).toContain('old issuer (us-east-1): https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34');
    expect(text).toContain('new issuer (us-east-1, eu-west-1): https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34');
    expect(text).toMatch(/ios\|app \(mob222\).*\[MOBILE: needs a store release \(myapp:\/\/, com\.example\.app:\/\/\)\]/);
    expect(text).toMatch(/billing-job \(m2m333\) — machine-to-machine; OAuth flows: client_credentials; secret: yes/);
    expect(text).toContain('Mobile apps need a store release');
  });

  it('renders a Markdown table with escaped cells', () => {
    const md = renderImpactMarkdown(impact, { generatedAt: '2026-07-01T00:00:00.000Z' });
    expect(md).toContain('# Issuer switch impact: us-east-1_Ab12Cd34');
    expect(md).toContain('| Client | Id | Kind | OAuth flows | Secret | Callback hosts | Logout hosts | Note |');
    expect(md).toContain('| ios\\|app | `mob222` | mobile app | code | no | myapp://, com.example.app:// | myapp:// | needs a store release (myapp://, com.example.app://) |');
    expect(md).toContain('| After | us-east-1, eu-west-1 | `https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34` |');
    expect(md).toContain('| Before | eu-west-1 | `https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Ab12Cd34` |');
    // Every table row has the same number of unescaped cell separators as its header.
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`mob222`'));
    expect(rows).toHaveLength(1);
    expect(rows[0].replace(/\\\|/g, '').split('|').length).toBe(10);
  });

  it('says nothing changes when the pool already uses the target', () => {
    const same = buildIssuerImpact({ pool, regions: ['us-east-1'], from: 'UPDATED', to: 'UPDATED', clients: [web] });
    expect(renderImpactText(same)).toEqual(['Issuer of us-east-1_Ab12Cd34 is already UPDATED: nothing changes for its 1 app client (0 mobile).']);
    expect(renderImpactMarkdown(same)).toContain('already uses the UPDATED issuer');
  });
});

describe('the impact report with the issuer type unread', () => {
  const impact = buildIssuerImpact({ pool, regions: ['us-east-1', 'eu-west-1'], from: null, to: 'UPDATED', clients: [web] });

  it('says unknown, lists no guessed old issuer, and is null in the data', () => {
    expect(impact).toMatchObject({ from: null, changes: true, before: [] });
    const lines = renderImpactText(impact);
    expect(lines[0]).toBe('Issuer switch impact for us-east-1_Ab12Cd34: unknown (could not be read) → UPDATED');
    expect(lines[1]).toBe("  old issuer: unknown (the pool's issuer type could not be read): apps may validate either issuer today");
    expect(lines.join('\n')).not.toContain('ORIGINAL');
    expect(renderImpactMarkdown(impact)).toContain('- Change: `IssuerConfiguration.Type` unknown (could not be read) → UPDATED');
  });
});

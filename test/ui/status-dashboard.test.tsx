import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { StatusDashboard } from '../../src/ui/ink/status-dashboard.js';
import { uiStatus } from './fixtures.js';

/** The text of one bordered row: "│ a │ b │" → ["a", "b"]. */
const cells = (line: string) =>
  line
    .split('│')
    .map((c) => c.trim())
    .filter(Boolean);

describe('StatusDashboard', () => {
  it('puts the two Regions side by side with role, replica status, issuer and DNS weight', () => {
    const { lastFrame, unmount } = render(<StatusDashboard report={uiStatus()} color={false} columns={100} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    expect(lines[0]).toBe('User pool us-east-1_Ab12Cd34 (ESSENTIALS)');
    expect(cells(lines.find((l) => l.includes('PRIMARY'))!)).toEqual(['us-east-1 PRIMARY', 'eu-west-1 SECONDARY']);
    expect(cells(lines.find((l) => l.includes('replica'))!)).toEqual(['replica  ACTIVE', 'replica  INACTIVE']);
    expect(cells(lines.find((l) => l.includes('dns '))!)).toEqual(['dns      weight 100, serving', 'dns      weight 0']);
    const frame = lines.join('\n');
    expect(frame).toContain('key      CUSTOMER_MANAGED_KEY arn:aws:kms:us-east-1:123456789012:key/mrk-1');
    expect(frame).toContain('issuer   UPDATED (one issuer for both Regions)');
    expect(cells(lines.find((l) => l.includes('health'))!)).toEqual(['health   healthy', 'health   inactive']);
    expect(frame).toContain('dns      weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)');
    expect(frame).toContain('failover last: none recorded');
    expect(frame).toContain('lock     free');
  });

  it('shows health, drift counts, the last failover and the lock holder when the report has them', () => {
    const report = uiStatus({
      drift: { errors: 2, warnings: 1, infos: 0, allowed: 0, checkedAt: '2025-06-01T09:00:00Z', scope: 'quick' },
      lastFailover: { kind: 'failover', time: '2025-06-01T08:00:00Z', from: 'us-east-1', to: 'eu-west-1', actor: 'ana@laptop', reason: 'drill', checks: null },
      lock: { holder: 'bo@desk', host: 'desk', pid: 77, run: 'r-9', command: 'failover', reason: 'sev2', since: '2025-06-01T10:00:00Z', expires: '2025-06-01T10:01:00Z', expired: false, ownerGone: null },
    });
    report.regions[0].health = { verdict: 'unhealthy', problems: ['token endpoint 503'] };
    report.regions[1].health = { verdict: 'healthy', problems: [] };
    const { lastFrame, unmount } = render(<StatusDashboard report={report} color={false} columns={120} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(cells(frame.split('\n').find((l) => l.includes('health'))!)).toEqual(['health   unhealthy: token endpoint 503', 'health   healthy']);
    const flat = frame.replace(/\s*\n\s*/g, ' ');
    expect(flat).toContain('drift    2 errors, 1 warning, 0 info (quick check at 2025-06-01T09:00:00Z; `mrrctl drift` lists them)');
    expect(flat).toContain('failover last: failover us-east-1 → eu-west-1 at 2025-06-01T08:00:00Z by ana@laptop: "drill" (checks not on record)');
    expect(flat).toContain('lock     held by bo@desk (pid 77 on desk, run r-9) since 2025-06-01T10:00:00Z (failover, reason "sev2"); lease ends 2025-06-01T10:01:00Z');
  });

  it('marks an unreachable Region, stacks the Regions on a narrow terminal, and shows the watch footer', () => {
    const report = uiStatus();
    report.regions[0] = { region: 'us-east-1', role: 'PRIMARY', status: null, reachable: false, error: 'TimeoutError: no answer', issuerUrl: null, health: null, healthUnknown: 'not probed' };
    const watch = { intervalMs: 5000, refreshedAt: new Date('2025-06-01T10:00:05.123Z'), refreshing: true };
    const { lastFrame, unmount } = render(<StatusDashboard report={report} color={false} columns={60} watch={watch} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    expect(lines.findIndex((l) => l.includes('eu-west-1 SECONDARY'))).toBeGreaterThan(lines.findIndex((l) => l.includes('us-east-1 PRIMARY')));
    expect(cells(lines.find((l) => l.includes('UNREACHABLE'))!)).toEqual(['replica  UNREACHABLE']);
    expect(lines.join('\n')).toContain('TimeoutError: no answer');
    expect(cells(lines.find((l) => l.includes('health'))!)).toEqual(['health   unknown (not probed)']);
    expect(lines.join('\n')).toContain('refreshed 2025-06-01 10:00:05Z · every 5 s · Ctrl-C to stop · refreshing…');
  });

  it('with --watch gives the drift counts\' age at the refresh instead of their time (refreshes reuse them for 60 s)', () => {
    const report = uiStatus({ drift: { errors: 0, warnings: 1, infos: 2, allowed: 1, checkedAt: '2025-06-01T10:00:00.000Z', scope: 'quick' } });
    const watch = { intervalMs: 5000, refreshedAt: new Date('2025-06-01T10:00:40.900Z'), refreshing: false };
    const { lastFrame, unmount } = render(<StatusDashboard report={report} color={false} columns={120} watch={watch} />);
    const flat = (lastFrame() ?? '').replace(/\s*\n\s*/g, ' ');
    unmount();
    expect(flat).toContain('drift    0 errors, 1 warning, 2 info, 1 allowed (quick check, 40 s ago; `mrrctl drift` lists them)');
  });
});

/**
 * The status dashboard: the two Regions side by side (role, replica status, health, issuer, what DNS
 * sends them), then what the pool shares (key, issuer type, DNS, drift, last failover, lock). Every
 * slot is always shown: what could not be read says "unknown (why)". With `watch`, a footer says
 * when it was refreshed and how to stop.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { RegionStatus, StatusReport } from '../../core/status/status.js';
import { describeDns, describeDrift, describeFailover, describeHealth, describeKey, describeLock, regionDnsText, regionState } from '../status/status-text.js';
import { painter, type Paint, type Tone } from './tone.js';

export interface StatusDashboardProps {
  report: StatusReport;
  color: boolean;
  /** Terminal columns: below 72 the Regions stack instead of standing side by side. */
  columns: number;
  /** Present when refreshing in place. */
  watch?: { intervalMs: number; refreshedAt?: Date; refreshing: boolean; error?: string };
}

const LABEL_WIDTH = 9;

function statusTone(status: string): Tone {
  if (status === 'ACTIVE' || status === 'healthy') return 'green';
  if (status === 'UNREACHABLE' || status === 'unhealthy' || status === 'FAILED') return 'red';
  if (status === 'no replica' || status === 'absent') return 'gray';
  return 'yellow';
}

function driftTone(r: StatusReport): Tone {
  if (r.drift === null) return 'gray';
  return r.drift.errors > 0 ? 'red' : r.drift.warnings > 0 ? 'yellow' : 'green';
}

function lockTone(r: StatusReport): Tone {
  if (r.lock === null) return r.lockUnknown === null ? 'green' : 'gray';
  return r.lock.expired || r.lock.ownerGone ? 'red' : 'yellow';
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text>{label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text>{children}</Text>
      </Box>
    </Box>
  );
}

function RegionColumn({ region, report, paint, width }: { region: RegionStatus; report: StatusReport; paint: Paint; width: string }) {
  const status = regionState(region);
  const dns = regionDnsText(report, region.region);
  const healthTone: Tone = region.health === null ? 'gray' : statusTone(region.health.verdict);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={width} flexShrink={1}>
      <Text>
        {paint(region.region, 'bold')} {paint(region.role, 'dim')}
      </Text>
      <Row label="replica">{paint(status, statusTone(status), 'bold')}</Row>
      {region.error !== null && <Row label="">{paint(region.error, 'red')}</Row>}
      <Row label="health">{paint(describeHealth(region), healthTone)}</Row>
      <Row label="issuer">{region.issuerUrl ?? paint('-', 'gray')}</Row>
      <Row label="dns">{dns.includes('serving') ? paint(dns, 'green') : dns === 'unknown' ? paint(dns, 'gray') : dns}</Row>
    </Box>
  );
}

export function StatusDashboard({ report, color, columns, watch }: StatusDashboardProps) {
  const paint = painter(color);
  const sideBySide = columns >= 72;
  const dns = report.dns;
  return (
    <Box flexDirection="column">
      <Text>
        {paint('User pool', 'bold')} {report.userPoolId}
        {paint(` (${report.tier ?? 'tier unknown'})`, 'dim')}
      </Text>
      <Box flexDirection={sideBySide ? 'row' : 'column'}>
        {report.regions.map((region) => (
          <RegionColumn key={region.region} region={region} report={report} paint={paint} width={sideBySide ? '50%' : '100%'} />
        ))}
      </Box>
      {report.poolReadFrom !== null && report.poolReadFrom !== report.regions[0]?.region && <Row label="pool">{`read from ${report.poolReadFrom}`}</Row>}
      <Row label="key">{report.key === null ? paint(describeKey(report), 'gray') : describeKey(report)}</Row>
      <Row label="issuer">
        {report.issuer === null
          ? paint(`unknown (${report.poolUnknown ?? 'not read'})`, 'gray')
          : report.issuer.type === 'UPDATED'
            ? `${report.issuer.type} (one issuer for both Regions)`
            : `${report.issuer.type} (each Region issues as itself)`}
      </Row>
      <Row label="dns">{dns.serving === null ? paint(describeDns(dns), 'yellow') : describeDns(dns)}</Row>
      <Row label="drift">{paint(describeDrift(report.drift, report.driftUnknown, watch?.refreshedAt), driftTone(report))}</Row>
      <Row label="failover">{`last: ${describeFailover(report.lastFailover, report.lastFailoverUnknown)}`}</Row>
      <Row label="lock">{paint(describeLock(report.lock, report.lockUnknown), lockTone(report))}</Row>
      {watch && <WatchFooter watch={watch} paint={paint} />}
    </Box>
  );
}

function WatchFooter({ watch, paint }: { watch: NonNullable<StatusDashboardProps['watch']>; paint: Paint }) {
  const at = watch.refreshedAt ? watch.refreshedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : 'never';
  return (
    <Box flexDirection="column" marginTop={1}>
      {watch.error !== undefined && <Text>{paint(`last refresh failed: ${watch.error}`, 'red')}</Text>}
      <Text>
        {paint(`refreshed ${at} · every ${Math.round(watch.intervalMs / 1000)} s · Ctrl-C to stop`, 'dim')}
        {watch.refreshing ? paint(' · refreshing…', 'cyan') : ''}
      </Text>
    </Box>
  );
}

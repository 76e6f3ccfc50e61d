/**
 * The status dashboard: the two Regions side by side (role, replica status, health, issuer, what DNS
 * sends them), then what the pool shares (key, issuer type, DNS, drift, last failover, lock). Slots
 * whose data was not observed are left out rather than shown empty. With `watch`, a footer says
 * when it was refreshed and how to stop.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { RegionStatus, StatusReport } from '../../core/status/status.js';
import { describeDrift, describeFailover, describeHealth, describeLock, regionDnsText } from '../status/status-text.js';
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
  const status = !region.reachable ? 'UNREACHABLE' : (region.status ?? 'no replica');
  const dns = regionDnsText(report, region.region);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={width} flexShrink={1}>
      <Text>
        {paint(region.region, 'bold')} {paint(region.role, 'dim')}
      </Text>
      <Row label="replica">{paint(status, statusTone(status), 'bold')}</Row>
      {region.error !== undefined && <Row label="">{paint(region.error, 'red')}</Row>}
      {region.health !== undefined && <Row label="health">{paint(describeHealth(region.health), statusTone(region.health.status))}</Row>}
      <Row label="issuer">{region.issuerUrl ?? paint('-', 'gray')}</Row>
      {dns !== undefined && <Row label="dns">{dns.includes('serving') ? paint(dns, 'green') : dns}</Row>}
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
        {report.tier ? paint(` (${report.tier})`, 'dim') : ''}
      </Text>
      <Box flexDirection={sideBySide ? 'row' : 'column'}>
        {report.regions.map((region) => (
          <RegionColumn key={region.region} region={region} report={report} paint={paint} width={sideBySide ? '50%' : '100%'} />
        ))}
      </Box>
      {report.key && <Row label="key">{`${report.key.type}${report.key.arn ? ` ${report.key.arn}` : ''}`}</Row>}
      {report.issuer && (
        <Row label="issuer">
          {report.issuer.type === 'UPDATED' ? `${report.issuer.type} (one issuer for both Regions)` : `${report.issuer.type} (each Region issues as itself)`}
        </Row>
      )}
      {dns && <Row label="dns">{'error' in dns ? paint(`unreadable: ${dns.error}`, 'red') : `${dns.strategy}: ${dns.evidence}`}</Row>}
      {report.drift && (
        <Row label="drift">{paint(describeDrift(report.drift), 'error' in report.drift || report.drift.errors > 0 ? 'red' : report.drift.warnings > 0 ? 'yellow' : 'green')}</Row>
      )}
      {report.lastFailover !== undefined && <Row label="failover">{`last: ${describeFailover(report.lastFailover)}`}</Row>}
      {report.lock !== undefined && <Row label="lock">{report.lock === null ? paint('free', 'green') : paint(describeLock(report.lock), 'yellow')}</Row>}
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

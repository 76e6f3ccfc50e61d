/** The SDK v3 adapter for the Route 53 read port. */
import { GetChangeCommand, GetHealthCheckCommand, GetHealthCheckStatusCommand, ListResourceRecordSetsCommand, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import type { ChangeStatus, DnsAnswer, HealthCheck, HealthCheckObservation, RecordSet, Route53Reader } from '../core/ports/route53.js';
import type { AwsClients } from './clients.js';
import { notFoundAsUndefined, plain } from './plain.js';

export function fqdn(name: string): string {
  return name.endsWith('.') ? name.toLowerCase() : `${name.toLowerCase()}.`;
}

export class SdkRoute53Reader implements Route53Reader {
  constructor(private readonly clients: AwsClients) {}

  async listRecordSets(hostedZoneId: string, name: string): Promise<RecordSet[]> {
    const client = await this.clients.route53();
    const wanted = fqdn(name);
    const found: RecordSet[] = [];
    let start: { StartRecordName?: string; StartRecordType?: string; StartRecordIdentifier?: string } = { StartRecordName: wanted };
    for (;;) {
      const page = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, ...start, MaxItems: 100 } as never));
      for (const rs of page.ResourceRecordSets ?? []) {
        if (fqdn(rs.Name ?? '') === wanted) found.push(plain(rs) as RecordSet);
      }
      // Records come sorted by name: once past the wanted name, there is nothing more to find.
      const last = page.ResourceRecordSets?.at(-1);
      if (!page.IsTruncated || (last && fqdn(last.Name ?? '') !== wanted)) break;
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
    return found;
  }

  async getHealthCheck(healthCheckId: string): Promise<HealthCheck | undefined> {
    const client = await this.clients.route53();
    return notFoundAsUndefined(async () => plain((await client.send(new GetHealthCheckCommand({ HealthCheckId: healthCheckId }))).HealthCheck) as HealthCheck);
  }

  async getHealthCheckStatus(healthCheckId: string): Promise<HealthCheckObservation[] | undefined> {
    const client = await this.clients.route53();
    return notFoundAsUndefined(async () => {
      const r = await client.send(new GetHealthCheckStatusCommand({ HealthCheckId: healthCheckId }));
      return (r.HealthCheckObservations ?? []).map((o) => ({ region: o.Region, status: o.StatusReport?.Status ?? '' }));
    });
  }

  async getChange(changeId: string): Promise<ChangeStatus> {
    const client = await this.clients.route53();
    const info = (await client.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo;
    return { id: info?.Id ?? changeId, status: info?.Status ?? 'PENDING', submittedAt: info?.SubmittedAt?.toISOString() };
  }

  async testDnsAnswer(hostedZoneId: string, recordName: string, recordType: string): Promise<DnsAnswer> {
    const client = await this.clients.route53();
    const r = await client.send(new TestDNSAnswerCommand({ HostedZoneId: hostedZoneId, RecordName: recordName, RecordType: recordType as never }));
    return { recordData: r.RecordData ?? [], responseCode: r.ResponseCode ?? '', nameserver: r.Nameserver };
  }
}

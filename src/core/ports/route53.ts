/** The read port for Route 53, in plain data. */
import type { JsonObject } from '../plan/types.js';

/** A ResourceRecordSet as ListResourceRecordSets returns it. */
export type RecordSet = JsonObject & {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: number;
  TTL?: number;
  ResourceRecords?: Array<{ Value: string }>;
  HealthCheckId?: string;
};

export type HealthCheck = JsonObject & {
  Id: string;
  HealthCheckVersion: number;
  HealthCheckConfig: JsonObject & { Type?: string; Inverted?: boolean; Disabled?: boolean; FullyQualifiedDomainName?: string };
};

export interface HealthCheckObservation {
  region?: string;
  status: string;
}

export interface Route53Reader {
  /** Every record set with exactly this name (any type), following pagination. */
  listRecordSets(hostedZoneId: string, name: string): Promise<RecordSet[]>;
  getHealthCheck(healthCheckId: string): Promise<HealthCheck | undefined>;
  getHealthCheckStatus(healthCheckId: string): Promise<HealthCheckObservation[] | undefined>;
  /** GetChange: whether a submitted change is INSYNC yet (failover and canary waits). */
  getChange(changeId: string): Promise<ChangeStatus>;
  /** TestDNSAnswer: the answer Route 53 gives now (failover verification). */
  testDnsAnswer(hostedZoneId: string, recordName: string, recordType: string): Promise<DnsAnswer>;
}

/** GetChange's ChangeInfo: PENDING until the change reached every authoritative server. */
export interface ChangeStatus {
  id: string;
  status: 'PENDING' | 'INSYNC' | string;
  submittedAt?: string;
}

/** TestDNSAnswer: what Route 53's name servers answer for a name and type, health checks applied. */
export interface DnsAnswer {
  recordData: string[];
  responseCode: string;
  nameserver?: string;
}

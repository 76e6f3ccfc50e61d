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
  HealthCheckConfig: JsonObject & { Inverted?: boolean; Disabled?: boolean; FullyQualifiedDomainName?: string };
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
}

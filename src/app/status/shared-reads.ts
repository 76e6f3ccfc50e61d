/**
 * One status observation reads each piece of state once. The topology, the health probes and the
 * quick drift check each start by asking DescribeUserPool and ListUserPoolReplicas (and, with the
 * cognito-domain strategy, the same health check): through these readers they share one call per
 * Region, which answers all three at the same moment. That is both fewer calls against Cognito's
 * UserPoolRead quota (every `--watch` refresh pays them) and a shorter chain: the drift check no
 * longer waits for the topology's pool read to answer before asking its own.
 *
 * The memo lives for one observation only (statusOf builds new readers each time), so a refresh
 * always reads fresh state. A failed read is shared too: the three parts see the same error.
 */
import type { CognitoReader, ListOptions, ReplicaInfo, UserPool } from '../../core/ports/cognito.js';
import type { HealthCheck, HealthCheckObservation, Route53Reader } from '../../core/ports/route53.js';

function memo<A extends unknown[], T>(read: (...args: A) => Promise<T>, key: (...args: A) => string): (...args: A) => Promise<T> {
  const started = new Map<string, Promise<T>>();
  return (...args) => {
    const k = key(...args);
    let p = started.get(k);
    if (!p) {
      p = read(...args);
      started.set(k, p);
    }
    return p;
  };
}

/**
 * A CognitoReader whose DescribeUserPool and ListUserPoolReplicas are asked once per Region and pool;
 * every other read goes to `reader` as it is. The first caller's ListOptions are the ones used: a
 * pool has at most a handful of replicas, one page, so the drift limiter's pacing of further pages
 * never applies to this list.
 */
export function sharedCognitoReads(reader: CognitoReader): CognitoReader {
  const describeUserPool = memo((region: string, userPoolId: string): Promise<UserPool | undefined> => reader.describeUserPool(region, userPoolId), (r, id) => `${r}\n${id}`);
  const listReplicas = memo((region: string, userPoolId: string, opts?: ListOptions): Promise<ReplicaInfo[]> => reader.listReplicas(region, userPoolId, opts), (r, id) => `${r}\n${id}`);
  // The SDK-backed reader is a class instance: keep its prototype's methods bound to it.
  return Object.assign(Object.create(reader) as CognitoReader, { describeUserPool, listReplicas });
}

/** A Route53Reader whose health check reads (configuration and checker observations) are asked once per check. */
export function sharedRoute53Reads(reader: Route53Reader): Route53Reader {
  const getHealthCheck = memo((id: string): Promise<HealthCheck | undefined> => reader.getHealthCheck(id), (id) => id);
  const getHealthCheckStatus = memo((id: string): Promise<HealthCheckObservation[] | undefined> => reader.getHealthCheckStatus(id), (id) => id);
  return Object.assign(Object.create(reader) as Route53Reader, { getHealthCheck, getHealthCheckStatus });
}

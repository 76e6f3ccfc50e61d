/**
 * ARC resource names: `arn:aws:route53-recovery-control::<account>:cluster/<id>`,
 * `…:controlpanel/<id>`, `…:controlpanel/<id>/routingcontrol/<id>`, `…:controlpanel/<id>/safetyrule/<id>`
 * (the shapes of the ARC API reference's examples). Ids are derived from a counter so that a seeded
 * world is the same every time (docs and tests can name them).
 */
import { createHash } from 'node:crypto';

export function arcArnPrefix(accountId: string): string {
  return `arn:aws:route53-recovery-control::${accountId}`;
}

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** A cluster id shaped like a UUID. */
export function clusterId(accountId: string, n: number): string {
  const h = hex(`cluster/${accountId}/${n}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Control panel ids are 32 hex characters; routing control and safety rule ids 14. */
export function resourceId(kind: 'controlpanel' | 'routingcontrol' | 'safetyrule', accountId: string, n: number): string {
  return hex(`${kind}/${accountId}/${n}`, kind === 'controlpanel' ? 32 : 14);
}

/** The id a cluster endpoint path carries: the last segment of the cluster ARN. */
export function clusterIdOf(clusterArn: string): string {
  return clusterArn.slice(clusterArn.lastIndexOf('/') + 1);
}

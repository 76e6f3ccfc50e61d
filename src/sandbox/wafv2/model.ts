/**
 * AWS WAFv2, the part drift needs: which web ACL protects a resource (a user pool ARN) in a Region,
 * what its rules are, and AssociateWebACL/DisassociateWebACL so `drift fix` can attach the
 * secondary's ACL. Web ACLs are seeded through the admin API or created with CreateWebACL; only the
 * REGIONAL scope is modelled.
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { COMMON_THROTTLING, JsonParityModel, type JsonOperation, type JsonServiceFacts } from '../parity/parity-model.js';
import { decodePageToken, encodePageToken } from '../parity/page-token.js';
import { RegionalState } from '../parity/regional-state.js';
import {
  ID,
  aclFromSeed,
  checkResourceArn,
  invalidParameter,
  nonexistent,
  parseWebAclArn,
  webAclArn,
  webAclView,
  type WebAclRecord,
} from './web-acl.js';

interface RegionState {
  /** By Id. */
  acls: Record<string, WebAclRecord>;
  /** Protected resource ARN → web ACL Id. */
  associations: Record<string, string>;
}

function checkScope(scope: unknown): 'REGIONAL' | 'CLOUDFRONT' {
  if (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT') throw invalidParameter('SCOPE_VALUE', scope, 'Scope must be REGIONAL or CLOUDFRONT');
  return scope;
}

function decodeMarker(marker: unknown): number {
  if (marker === undefined) return 0;
  const index = typeof marker === 'string' ? Number(decodePageToken(marker)) : NaN;
  if (!Number.isInteger(index) || index < 0) throw invalidParameter(undefined, marker, 'invalid NextMarker');
  return index;
}

/** WAFv2's X-Amz-Target prefix, name and errors. */
const WAF: JsonServiceFacts = {
  targetPrefix: 'AWSWAF_20190729',
  service: 'wafv2',
  // WAFv2 has no modelled throttling error; it answers with the common ThrottlingException.
  throttle: COMMON_THROTTLING,
  internalError: {
    code: 'WAFInternalErrorException',
    message: "Your request is valid, but WAF couldn't perform the operation because of a system problem.",
  },
};

export class WafV2Model extends JsonParityModel<RegionState> {
  protected readonly operations: Record<string, JsonOperation> = {
    GetWebACLForResource: (input, ctx) => this.getWebAclForResource(input, ctx),
    GetWebACL: (input, ctx) => this.getWebAcl(input, ctx),
    ListWebACLs: (input, ctx) => this.listWebAcls(input, ctx),
    AssociateWebACL: (input, ctx) => this.associate(input, ctx),
    DisassociateWebACL: (input, ctx) => this.disassociate(input, ctx),
    CreateWebACL: (input, ctx) => this.createWebAcl(input, ctx),
  };

  constructor() {
    super(WAF, new RegionalState<RegionState>('regions', () => ({ acls: {}, associations: {} })));
  }

  /** Seed {Name, Rules?, DefaultAction?, Description?, VisibilityConfig?, associateWith?: resource ARN}. */
  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject {
    const inRegion = this.state.of(region);
    const previous = Object.values(inRegion.acls).find((a) => a.Name === resource.Name);
    const associateWith = resource.associateWith === undefined ? undefined : checkResourceArn(resource.associateWith, region);
    const acl = aclFromSeed(resource, previous);
    inRegion.acls[acl.Id] = acl;
    if (associateWith) inRegion.associations[associateWith] = acl.Id;
    const answer: JsonObject = { Name: acl.Name, Id: acl.Id, ARN: webAclArn(region, ctx.accountId, acl), LockToken: acl.LockToken };
    if (associateWith) answer.associatedWith = associateWith;
    return answer;
  }

  /**
   * CreateWebACL {Name, Scope, DefaultAction, VisibilityConfig, Rules?, Description?}, REGIONAL only:
   * what a drift remedy ("create the web ACL in the secondary") needs. The rules are validated as the
   * seed's are; capacity, rule groups and tags are not modelled.
   */
  private createWebAcl(input: JsonObject, ctx: CallContext): JsonObject {
    if (checkScope(input.Scope) !== 'REGIONAL') {
      throw invalidParameter('SCOPE_VALUE', input.Scope, 'the sandbox models the REGIONAL scope only');
    }
    if (input.DefaultAction === undefined) throw invalidParameter('DEFAULT_ACTION', 'DefaultAction', 'DefaultAction is required');
    if (input.VisibilityConfig === undefined) throw invalidParameter('VISIBILITY_CONFIG', 'VisibilityConfig', 'VisibilityConfig is required');
    const inRegion = this.state.of(ctx.region);
    if (Object.values(inRegion.acls).some((a) => a.Name === input.Name)) {
      throw new SandboxError(
        'WAFDuplicateItemException',
        "AWS WAF couldn't perform the operation because some resource in your request is a duplicate of an existing one.",
        400,
      );
    }
    const acl = aclFromSeed(input);
    inRegion.acls[acl.Id] = acl;
    const summary: JsonObject = { Name: acl.Name, Id: acl.Id, LockToken: acl.LockToken, ARN: webAclArn(ctx.region, ctx.accountId, acl) };
    if (acl.Description !== undefined) summary.Description = acl.Description;
    return { Summary: summary };
  }

  /** The ACL a WebACLArn names, if it exists in the caller's Region and account. */
  private aclByArn(arn: unknown, ctx: CallContext): WebAclRecord {
    const parsed = parseWebAclArn(arn);
    const acl = this.state.peek(ctx.region)?.acls[parsed.id];
    if (parsed.region !== ctx.region || parsed.accountId !== ctx.accountId || !acl || acl.Name !== parsed.name) {
      throw nonexistent();
    }
    return acl;
  }

  private getWebAclForResource(input: JsonObject, ctx: CallContext): JsonObject {
    const resourceArn = checkResourceArn(input.ResourceArn, ctx.region);
    const inRegion = this.state.peek(ctx.region);
    const id = inRegion?.associations[resourceArn];
    const acl = id === undefined ? undefined : inRegion?.acls[id];
    // No association: WAF answers with no WebACL rather than an error.
    return acl ? { WebACL: webAclView(acl, ctx.region, ctx.accountId) } : {};
  }

  private getWebAcl(input: JsonObject, ctx: CallContext): JsonObject {
    let acl: WebAclRecord | undefined;
    if (input.ARN !== undefined) {
      acl = this.aclByArn(input.ARN, ctx);
    } else {
      const scope = checkScope(input.Scope);
      if (typeof input.Name !== 'string' || input.Name.length === 0) throw invalidParameter('WEB_ACL', input.Name, 'Name is required');
      if (typeof input.Id !== 'string' || !ID.test(input.Id)) throw invalidParameter('WEB_ACL', input.Id, 'Id is not a valid web ACL id');
      const found = scope === 'REGIONAL' ? this.state.peek(ctx.region)?.acls[input.Id] : undefined;
      if (!found || found.Name !== input.Name) throw nonexistent();
      acl = found;
    }
    return { WebACL: webAclView(acl, ctx.region, ctx.accountId), LockToken: acl.LockToken };
  }

  private listWebAcls(input: JsonObject, ctx: CallContext): JsonObject {
    const scope = checkScope(input.Scope);
    const limit = input.Limit === undefined ? 100 : input.Limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidParameter(undefined, limit, 'Limit must be between 1 and 100');
    const acls = scope === 'REGIONAL' ? Object.values(this.state.peek(ctx.region)?.acls ?? {}) : [];
    acls.sort((a, b) => a.Name.localeCompare(b.Name) || a.Id.localeCompare(b.Id));
    const start = decodeMarker(input.NextMarker);
    const page = acls.slice(start, start + limit).map((acl) => {
      const summary: JsonObject = { Name: acl.Name, Id: acl.Id, LockToken: acl.LockToken, ARN: webAclArn(ctx.region, ctx.accountId, acl) };
      if (acl.Description !== undefined) summary.Description = acl.Description;
      return summary;
    });
    const answer: JsonObject = { WebACLs: page };
    if (start + limit < acls.length) answer.NextMarker = encodePageToken(start + limit);
    return answer;
  }

  private associate(input: JsonObject, ctx: CallContext): JsonObject {
    const acl = this.aclByArn(input.WebACLArn, ctx);
    const resourceArn = checkResourceArn(input.ResourceArn, ctx.region);
    // A resource has at most one web ACL; associating another replaces the previous association.
    this.state.of(ctx.region).associations[resourceArn] = acl.Id;
    return {};
  }

  private disassociate(input: JsonObject, ctx: CallContext): JsonObject {
    const resourceArn = checkResourceArn(input.ResourceArn, ctx.region);
    const inRegion = this.state.peek(ctx.region);
    if (inRegion) delete inRegion.associations[resourceArn];
    return {};
  }
}

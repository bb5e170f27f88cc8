/**
 * The security classification of an infrastructure diff: checks read one resource as it was at
 * the base revision and as it is at the head, on either cloud, and say what got weaker or
 * stronger. They never touch a cloud and never see a diff format, only the two resource states.
 */

export type Cloud = 'aws' | 'alicloud';

/** The kinds of change a reviewer wants called out first. */
export type SecurityCategory = 'policy' | 'ingress' | 'encryption' | 'logging' | 'public-access' | 'protection' | 'retention';

/** One resource at one revision, as the checks read it. */
export interface ResourceState {
  /** CloudFormation type (`AWS::S3::Bucket`) or Pulumi type token (`alicloud:oss/bucket:Bucket`). */
  readonly type: string;
  /**
   * What setting paths start from. AWS: the template entry (`Type`, `Properties`,
   * `DeletionPolicy`, ...), so paths read `Properties.BucketEncryption`. Alibaba: the manifest
   * resource (`inputs`, `region`, `parent`), so paths read `inputs.serverSideEncryptionRule`.
   */
  readonly body: Record<string, unknown>;
}

/** The resources of one stack or manifest at one revision, for checks that follow a reference. */
export interface ScopeSide {
  /** Whether `reference` (a `Ref`, a `Fn::GetAtt`, `<name>.id`, an OSS bucket name) names a resource here; undefined when it cannot tell. */
  resolves(reference: unknown): boolean | undefined;
}

/** A resource at base and head; `before` is absent when it was added, `after` when it was removed. */
export interface ResourcePair {
  readonly cloud: Cloud;
  /** Stack name (AWS) or architecture (Alibaba). */
  readonly scope: string;
  /** Logical id (AWS) or resource name (Alibaba), at head when the resource exists there. */
  readonly resource: string;
  readonly type: string;
  readonly before?: ResourceState;
  readonly after?: ResourceState;
  /** The rest of the scope at base and at head. */
  readonly base: ScopeSide;
  readonly head: ScopeSide;
}

/** One security-relevant change on one resource. */
export interface SecurityFinding {
  readonly category: SecurityCategory;
  /**
   * True when the change weakens the resource: a policy widened, ingress opened, encryption or
   * logging turned off, public access granted, deletion protection or backups removed, retention
   * shortened. Only these count for `--fail-on security`; the opposite changes are reported too.
   */
  readonly weakens: boolean;
  /** widened / narrowed, opened / closed, turned off / turned on, granted / revoked, removed / added, shortened / lengthened. */
  readonly verb: string;
  readonly cloud: Cloud;
  readonly scope: string;
  readonly resource: string;
  readonly type: string;
  /** Property path the change is at (`Properties.PolicyDocument`, `serverSideEncryptionRule`); absent for a whole resource. */
  readonly path?: string;
  /** What changed, in a sentence fragment a reviewer reads after the verb. */
  readonly detail: string;
}

/** One classification: a pure function of a resource pair (cdk-nag style, one per file). */
export interface SecurityCheck {
  readonly category: SecurityCategory;
  /** What the check calls out, in one sentence. */
  readonly description: string;
  readonly check: (pair: ResourcePair) => SecurityFinding[];
}

/** A finding on `pair` with the pair's location filled in. */
export function findingOn(
  pair: ResourcePair,
  category: SecurityCategory,
  weakens: boolean,
  verb: string,
  detail: string,
  path?: string,
): SecurityFinding {
  return {
    category,
    weakens,
    verb,
    cloud: pair.cloud,
    scope: pair.scope,
    resource: pair.resource,
    type: pair.type,
    ...(path !== undefined ? { path } : {}),
    detail,
  };
}

/**
 * Policy documents of both clouds — AWS IAM and resource policies, Alibaba RAM, OSS and KMS
 * policies share the Statement / Effect / Action / Resource / Principal / Condition shape — taken
 * apart into single grants, so two revisions compare by what they allow rather than by text.
 */
import { stableJson } from '../json';
import { select } from './select';
import type { ResourceState } from './types';

/** One effect on one action, resource and principal, under one set of conditions. */
export interface Grant {
  readonly effect: 'Allow' | 'Deny';
  /** Action pattern (`s3:Get*`), or `not:[...]` for a NotAction statement. */
  readonly action: string;
  /** Resource pattern or the canonical JSON of an intrinsic; `not:[...]` for NotResource. */
  readonly resource: string;
  /** `*`, `AWS:arn...`, `Service:ecs.aliyuncs.com`; empty in identity policies. */
  readonly principal: string;
  /** Canonical JSON of the statement's Condition; empty when unconditional. */
  readonly condition: string;
}

/** A document that could not be read as statements (a string that is not JSON, an intrinsic). */
export interface OpaqueDocument {
  readonly opaque: string;
}

/** Where each type keeps its policy documents. */
const DOCUMENT_PATHS: Record<string, readonly string[]> = {
  'AWS::IAM::Policy': ['Properties.PolicyDocument'],
  'AWS::IAM::ManagedPolicy': ['Properties.PolicyDocument'],
  'AWS::IAM::RolePolicy': ['Properties.PolicyDocument'],
  'AWS::IAM::UserPolicy': ['Properties.PolicyDocument'],
  'AWS::IAM::GroupPolicy': ['Properties.PolicyDocument'],
  'AWS::IAM::Role': ['Properties.AssumeRolePolicyDocument', 'Properties.Policies[@PolicyName].PolicyDocument'],
  'AWS::IAM::User': ['Properties.Policies[@PolicyName].PolicyDocument'],
  'AWS::IAM::Group': ['Properties.Policies[@PolicyName].PolicyDocument'],
  'AWS::S3::BucketPolicy': ['Properties.PolicyDocument'],
  'AWS::SNS::TopicPolicy': ['Properties.PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['Properties.PolicyDocument'],
  'AWS::KMS::Key': ['Properties.KeyPolicy'],
  'AWS::SecretsManager::ResourcePolicy': ['Properties.ResourcePolicy'],
  'AWS::Backup::BackupVault': ['Properties.AccessPolicy'],
  'AWS::Logs::ResourcePolicy': ['Properties.PolicyDocument'],
  'alicloud:ram/policy:Policy': ['inputs.policyDocument', 'inputs.document'],
  'alicloud:ram/role:Role': ['inputs.assumeRolePolicyDocument', 'inputs.document'],
  'alicloud:oss/bucketPolicy:BucketPolicy': ['inputs.policy'],
  'alicloud:kms/key:Key': ['inputs.policy'],
};

/** Where each type lists what a policy is attached to (or which policies are attached to it). */
const ATTACHMENT_PATHS: Record<string, readonly string[]> = {
  'AWS::IAM::Policy': ['Properties.Roles', 'Properties.Users', 'Properties.Groups'],
  'AWS::IAM::ManagedPolicy': ['Properties.Roles', 'Properties.Users', 'Properties.Groups'],
  'AWS::IAM::Role': ['Properties.ManagedPolicyArns'],
  'AWS::IAM::User': ['Properties.ManagedPolicyArns'],
  'AWS::IAM::Group': ['Properties.ManagedPolicyArns'],
};

/** RAM attachments are resources of their own: present means attached. */
const RAM_ATTACHMENTS: Record<string, string> = {
  'alicloud:ram/rolePolicyAttachment:RolePolicyAttachment': 'roleName',
  'alicloud:ram/userPolicyAttachment:UserPolicyAttachment': 'userName',
  'alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment': 'groupName',
};

/** Whether a type carries policy documents or attachments. */
export function hasPolicies(type: string): boolean {
  return type in DOCUMENT_PATHS || type in ATTACHMENT_PATHS || type in RAM_ATTACHMENTS || type === 'AWS::Lambda::Permission';
}

const keyed = (value: unknown) => (typeof value === 'string' ? value : stableJson(value));
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Each policy document of a resource, by setting path. Lambda permissions read as a one-statement document. */
export function policyDocumentsOf(state: ResourceState | undefined): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  if (!state) return documents;
  if (state.type === 'AWS::Lambda::Permission') {
    const p = (state.body.Properties ?? {}) as Record<string, unknown>;
    const condition = { ...(p.SourceArn ? { ArnLike: { 'aws:SourceArn': p.SourceArn } } : {}), ...(p.SourceAccount ? { StringEquals: { 'aws:SourceAccount': p.SourceAccount } } : {}) };
    const principal = typeof p.Principal === 'string' && p.Principal.endsWith('.amazonaws.com') ? { Service: p.Principal } : { AWS: p.Principal };
    documents.set('Properties', { Statement: [{ Effect: 'Allow', Action: p.Action, Resource: p.FunctionName, Principal: principal, ...(Object.keys(condition).length ? { Condition: condition } : {}) }] });
    return documents;
  }
  for (const path of DOCUMENT_PATHS[state.type] ?? []) {
    for (const found of select(state.body, path)) if (found.value !== undefined) documents.set(found.path, found.value);
  }
  return documents;
}

/** What a resource's policies are attached to, or which policies it has attached, by path. */
export function attachmentsOf(state: ResourceState | undefined): Map<string, string[]> {
  const attachments = new Map<string, string[]>();
  if (!state) return attachments;
  const target = RAM_ATTACHMENTS[state.type];
  if (target) {
    const inputs = (state.body.inputs ?? {}) as Record<string, unknown>;
    attachments.set('(attachment)', [`${String(inputs.policyType ?? 'Custom')} policy ${keyed(inputs.policyName)} to ${keyed(inputs[target])}`]);
    return attachments;
  }
  for (const path of ATTACHMENT_PATHS[state.type] ?? []) {
    for (const found of select(state.body, path)) attachments.set(found.path, list(found.value).map(keyed));
  }
  return attachments;
}

function principalsOf(principal: unknown): string[] {
  if (principal === undefined) return [''];
  if (principal === '*') return ['*'];
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return Object.entries(principal as Record<string, unknown>).flatMap(([kind, values]) =>
      list(values).map((v) => (v === '*' ? '*' : `${kind}:${keyed(v)}`)),
    );
  }
  return list(principal).map(keyed);
}

/** The grants of a document, or why it cannot be read. */
export function grantsOf(document: unknown): Grant[] | OpaqueDocument {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return { opaque: document };
    }
  }
  const statements = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).Statement : undefined;
  if (statements === undefined) return { opaque: keyed(parsed) };
  const grants: Grant[] = [];
  for (const statement of list(statements) as Array<Record<string, unknown>>) {
    const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
    const actions = statement.NotAction !== undefined ? [`not:${keyed(list(statement.NotAction))}`] : list(statement.Action).map(keyed);
    const resources =
      statement.NotResource !== undefined ? [`not:${keyed(list(statement.NotResource))}`] : statement.Resource === undefined ? ['*'] : list(statement.Resource).map(keyed);
    const condition = statement.Condition === undefined ? '' : keyed(statement.Condition);
    for (const action of actions) {
      for (const resource of resources) {
        for (const principal of principalsOf(statement.Principal ?? statement.NotPrincipal)) {
          grants.push({ effect, action, resource, principal, condition });
        }
      }
    }
  }
  return grants;
}

function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === value) return true;
  if (pattern.startsWith('not:') || value.startsWith('not:') || !/[*?]/.test(pattern)) return ignoreCase && pattern.toLowerCase() === value.toLowerCase();
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'i' : '');
  return regex.test(value);
}

/** Whether `outer` allows (or denies) everything `inner` does. */
export function grantCovers(outer: Grant, inner: Grant): boolean {
  return (
    outer.effect === inner.effect &&
    globMatches(outer.action, inner.action, true) &&
    globMatches(outer.resource, inner.resource, false) &&
    (outer.principal === inner.principal || outer.principal === '*') &&
    (outer.condition === '' || outer.condition === inner.condition)
  );
}

/** Grants of `grants` that no grant of `others` covers. */
export function uncoveredGrants(grants: readonly Grant[], others: readonly Grant[]): Grant[] {
  return grants.filter((grant) => !others.some((other) => grantCovers(other, grant)));
}

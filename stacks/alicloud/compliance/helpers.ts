import type { Manifest, ManifestResource } from '../manifest';
import type { Finding, Severity } from './types';

export const TYPES = {
  bucket: 'alicloud:oss/bucket:Bucket',
  bucketAcl: 'alicloud:oss/bucketAcl:BucketAcl',
  bucketPolicy: 'alicloud:oss/bucketPolicy:BucketPolicy',
  bucketPublicAccessBlock: 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketEncryption: 'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption',
  securityGroupRule: 'alicloud:ecs/securityGroupRule:SecurityGroupRule',
  rdsInstance: 'alicloud:rds/instance:Instance',
  rdsBackupPolicy: 'alicloud:rds/backupPolicy:BackupPolicy',
  polardbCluster: 'alicloud:polardb/cluster:Cluster',
  polardbBackupPolicy: 'alicloud:polardb/backupPolicy:BackupPolicy',
  polardbEndpoints: [
    'alicloud:polardb/primaryEndpoint:PrimaryEndpoint',
    'alicloud:polardb/clusterEndpoint:ClusterEndpoint',
    'alicloud:polardb/endpoint:Endpoint',
  ],
  redisInstance: 'alicloud:kvstore/instance:Instance',
  redisConnection: 'alicloud:kvstore/connection:Connection',
} as const;

/** A finding on `resource` for `ruleId`. */
export function finding(ruleId: string, severity: Severity, resource: ManifestResource, message: string): Finding {
  return { ruleId, severity, resource: resource.name, type: resource.type, message };
}

/**
 * Whether `value` (an input of another resource) points at `target`. Rendered ids are
 * `<name>.id`; an OSS bucket is also referred to by its bucket name, which is its id in the cloud.
 */
export function refersTo(value: unknown, target: ManifestResource): boolean {
  if (typeof value !== 'string') return false;
  if (value === `${target.name}.id`) return true;
  return target.type === TYPES.bucket && typeof target.inputs.bucket === 'string' && value === target.inputs.bucket;
}

/** Resources of one of `types` whose input `key` points at `target`. */
export function attachedTo(manifest: Manifest, types: string | readonly string[], key: string, target: ManifestResource): ManifestResource[] {
  const wanted = typeof types === 'string' ? [types] : types;
  return manifest.resources.filter((r) => wanted.includes(r.type) && refersTo(r.inputs[key], target));
}

/** A number from a number or numeric string input (HBR retentions are strings); undefined otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

import { select } from './select';
import type { GuardResource, ToggleSetting } from './settings';
import { guardFindings, shown, toggleFindings, truthy, typeMatches } from './settings';
import type { ResourcePair, SecurityFinding } from './types';
import type { SecurityCheck } from './types';
import { findingOn } from './types';

const PRIVATE_OSS_ACLS = ['private', 'default'];
const ANYWHERE = ['0.0.0.0/0', '::/0', '0.0.0.0'];
const blocks = (v: unknown) => truthy(v);
const allowListClosed = (v: unknown) => !(Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).some((ip) => ANYWHERE.includes(String(ip).trim()));

/** Settings that keep a resource private when on. */
export const PUBLIC_ACCESS_SETTINGS: readonly ToggleSetting[] = [
  { types: ['AWS::S3::Bucket'], path: 'Properties.PublicAccessBlockConfiguration.BlockPublicAcls', label: 'S3 BlockPublicAcls', isOn: blocks },
  { types: ['AWS::S3::Bucket'], path: 'Properties.PublicAccessBlockConfiguration.BlockPublicPolicy', label: 'S3 BlockPublicPolicy', isOn: blocks },
  { types: ['AWS::S3::Bucket'], path: 'Properties.PublicAccessBlockConfiguration.IgnorePublicAcls', label: 'S3 IgnorePublicAcls', isOn: blocks },
  { types: ['AWS::S3::Bucket'], path: 'Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets', label: 'S3 RestrictPublicBuckets', isOn: blocks },
  { types: ['AWS::S3::Bucket'], path: 'Properties.AccessControl', label: 'S3 canned ACL', isOn: (v) => v === undefined || !/^(Public|AuthenticatedRead)/.test(String(v)) },
  { types: ['AWS::RDS::DBInstance'], path: 'Properties.PubliclyAccessible', label: 'RDS public accessibility', isOn: (v) => !truthy(v) },
  { types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], path: 'Properties.Scheme', label: 'load balancer scheme', isOn: (v) => v === 'internal' },
  { types: ['AWS::Lambda::Url'], path: 'Properties.AuthType', label: 'function URL auth', isOn: (v) => v !== 'NONE' },
  { types: ['AWS::ApiGatewayV2::Route'], path: 'Properties.AuthorizationType', label: 'API route authorization', isOn: (v) => v !== undefined && v !== 'NONE' },
  { types: ['alicloud:oss/bucketAcl:BucketAcl', 'alicloud:oss/bucket:Bucket'], path: 'inputs.acl', label: 'OSS ACL', isOn: (v) => v === undefined || PRIVATE_OSS_ACLS.includes(String(v)) },
  { types: ['alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock'], path: 'inputs.blockPublicAccess', label: 'OSS public access block', isOn: blocks },
  { types: ['alicloud:rds/instance:Instance', 'alicloud:kvstore/instance:Instance'], path: 'inputs.securityIps', label: 'IP allow list', isOn: allowListClosed },
  { types: ['alicloud:polardb/cluster:Cluster'], path: 'inputs.dbClusterIpArrays[@dbClusterIpArrayName].securityIps', label: 'IP allow list', isOn: allowListClosed },
  { types: ['alicloud:alb/loadBalancer:LoadBalancer'], path: 'inputs.addressType', label: 'ALB address type', isOn: (v) => v === 'Intranet' },
];

/** Resources whose presence keeps another one private. */
export const PUBLIC_ACCESS_GUARDS: readonly GuardResource[] = [
  { types: ['alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock'], label: 'OSS public access block', target: 'inputs.bucket' },
];

/** Resources whose presence makes another one reachable from the internet. */
export const PUBLIC_ENDPOINTS: readonly string[] = ['alicloud:kvstore/connection:Connection', 'alicloud:rds/connection:Connection'];

/** An added resource with a setting explicitly public (an added `public-read` ACL): public access granted. */
function explicitOnAddition(pair: ResourcePair): SecurityFinding[] {
  if (pair.before || !pair.after) return [];
  const after = pair.after;
  return PUBLIC_ACCESS_SETTINGS.filter((s) => typeMatches(s.types, after.type)).flatMap((setting) =>
    select(after.body, setting.path)
      .filter(({ value }) => value !== undefined && !setting.isOn(value))
      .map(({ path, value }) => findingOn(pair, 'public-access', true, 'granted', `${setting.label} (${shown(value)}) on a new resource`, path)),
  );
}

function publicEndpoints(pair: ResourcePair): SecurityFinding[] {
  if (!typeMatches(PUBLIC_ENDPOINTS, pair.type) || (pair.before && pair.after)) return [];
  return pair.after
    ? [findingOn(pair, 'public-access', true, 'granted', 'public endpoint added')]
    : [findingOn(pair, 'public-access', false, 'revoked', 'public endpoint removed')];
}

/** Public access granted (or revoked): ACLs, public access blocks, allow lists, public endpoints. */
export const publicAccessChanges: SecurityCheck = {
  category: 'public-access',
  description: 'Public access granted (counts) or revoked: ACLs, public access blocks, allow lists, internet-facing endpoints.',
  check: (pair) => [
    ...toggleFindings(pair, 'public-access', PUBLIC_ACCESS_SETTINGS, { off: 'granted', on: 'revoked' }),
    ...guardFindings(pair, 'public-access', PUBLIC_ACCESS_GUARDS, { removed: 'granted', added: 'revoked' }),
    ...explicitOnAddition(pair),
    ...publicEndpoints(pair),
  ],
};

import type { GuardResource, ToggleSetting } from './settings';
import { guardFindings, present, toggleFindings, truthy } from './settings';
import type { SecurityCheck } from './types';

/** Settings that make a resource write access, flow or audit logs, on both clouds. */
export const LOGGING_SETTINGS: readonly ToggleSetting[] = [
  { types: ['AWS::S3::Bucket'], path: 'Properties.LoggingConfiguration', label: 'S3 server access logging', isOn: present },
  { types: ['AWS::CloudFront::Distribution'], path: 'Properties.DistributionConfig.Logging', label: 'CloudFront access logging', isOn: present },
  {
    types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    path: 'Properties.LoadBalancerAttributes[Key=access_logs.s3.enabled].Value',
    label: 'load balancer access logging',
    isOn: truthy,
  },
  { types: ['AWS::ApiGatewayV2::Stage'], path: 'Properties.AccessLogSettings', label: 'API access logging', isOn: present },
  { types: ['AWS::ApiGateway::Stage'], path: 'Properties.AccessLogSetting', label: 'API access logging', isOn: present },
  { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: 'Properties.EnableCloudwatchLogsExports', label: 'database log export', isOn: present },
  { types: ['AWS::CloudTrail::Trail'], path: 'Properties.IsLogging', label: 'CloudTrail logging', isOn: truthy },
  { types: ['alicloud:oss/bucket:Bucket'], path: 'inputs.logging.targetBucket', label: 'OSS access logging', isOn: present },
  { types: ['alicloud:vpc/flowLog:FlowLog'], path: 'inputs.status', label: 'VPC flow log', isOn: (v) => v === undefined || v === 'Active' },
  { types: ['alicloud:alb/loadBalancer:LoadBalancer'], path: 'inputs.accessLogConfig', label: 'ALB access logging', isOn: present },
  { types: ['alicloud:actiontrail/trail:Trail'], path: 'inputs.status', label: 'ActionTrail logging', isOn: (v) => v === undefined || v === 'Enable' },
];

/** Resources whose presence makes another one log. */
export const LOGGING_GUARDS: readonly GuardResource[] = [
  { types: ['AWS::EC2::FlowLog'], label: 'VPC flow log', target: 'Properties.ResourceId' },
  { types: ['AWS::WAFv2::LoggingConfiguration'], label: 'WAF logging', target: 'Properties.ResourceArn' },
  { types: ['AWS::CloudTrail::Trail'], label: 'CloudTrail trail' },
  { types: ['alicloud:vpc/flowLog:FlowLog'], label: 'VPC flow log', target: 'inputs.resourceId' },
  { types: ['alicloud:oss/bucketLogging:BucketLogging'], label: 'OSS access logging', target: 'inputs.bucket' },
  { types: ['alicloud:alb/loadBalancerAccessLogConfigAttachment:LoadBalancerAccessLogConfigAttachment'], label: 'ALB access logging', target: 'inputs.loadBalancerId' },
  { types: ['alicloud:actiontrail/trail:Trail'], label: 'ActionTrail trail' },
];

/** Access, flow or audit logging turned off (or on). */
export const loggingChanges: SecurityCheck = {
  category: 'logging',
  description: 'Access, flow or audit logging turned off (counts) or on.',
  check: (pair) => [
    ...toggleFindings(pair, 'logging', LOGGING_SETTINGS, { off: 'turned off', on: 'turned on' }),
    ...guardFindings(pair, 'logging', LOGGING_GUARDS, { removed: 'turned off', added: 'turned on' }),
  ],
};

import type { GuardResource, ToggleSetting } from './settings';
import { guardFindings, present, toggleFindings, truthy } from './settings';
import type { SecurityCheck } from './types';

/** Settings that encrypt data at rest or in transit, on both clouds. */
export const ENCRYPTION_SETTINGS: readonly ToggleSetting[] = [
  // AWS, at rest
  { types: ['AWS::S3::Bucket'], path: 'Properties.BucketEncryption', label: 'S3 default encryption', isOn: present },
  { types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], path: 'Properties.SSESpecification.SSEEnabled', label: 'DynamoDB KMS encryption', isOn: truthy },
  { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: 'Properties.StorageEncrypted', label: 'RDS storage encryption', isOn: truthy },
  { types: ['AWS::EFS::FileSystem', 'AWS::EC2::Volume'], path: 'Properties.Encrypted', label: 'volume encryption', isOn: truthy },
  { types: ['AWS::EC2::LaunchTemplate'], path: 'Properties.LaunchTemplateData.BlockDeviceMappings[@DeviceName].Ebs.Encrypted', label: 'EBS encryption', isOn: truthy },
  { types: ['AWS::ElastiCache::ReplicationGroup'], path: 'Properties.AtRestEncryptionEnabled', label: 'ElastiCache encryption at rest', isOn: truthy },
  { types: ['AWS::Logs::LogGroup', 'AWS::SecretsManager::Secret', 'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'], path: 'Properties.KmsKeyId', label: 'KMS key', isOn: present },
  { types: ['AWS::SNS::Topic', 'AWS::SQS::Queue'], path: 'Properties.KmsMasterKeyId', label: 'KMS key', isOn: present },
  { types: ['AWS::SQS::Queue'], path: 'Properties.SqsManagedSseEnabled', label: 'SQS managed encryption', isOn: (v) => v === undefined || truthy(v) },
  { types: ['AWS::Backup::BackupVault'], path: 'Properties.EncryptionKeyArn', label: 'backup vault KMS key', isOn: present },
  { types: ['AWS::Kinesis::Stream'], path: 'Properties.StreamEncryption', label: 'Kinesis encryption', isOn: present },
  // AWS, in transit
  { types: ['AWS::ElastiCache::ReplicationGroup'], path: 'Properties.TransitEncryptionEnabled', label: 'ElastiCache TLS', isOn: truthy },
  { types: ['AWS::ElasticLoadBalancingV2::Listener'], path: 'Properties.Protocol', label: 'listener protocol', isOn: (v) => v === 'HTTPS' || v === 'TLS' },
  {
    types: ['AWS::CloudFront::Distribution'],
    path: 'Properties.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy',
    label: 'CloudFront viewer HTTPS',
    isOn: (v) => v === 'redirect-to-https' || v === 'https-only',
  },
  // Alibaba Cloud, at rest
  { types: ['alicloud:oss/bucket:Bucket'], path: 'inputs.serverSideEncryptionRule.sseAlgorithm', label: 'OSS server-side encryption', isOn: present },
  { types: ['alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption'], path: 'inputs.sseAlgorithm', label: 'OSS server-side encryption', isOn: present },
  { types: ['alicloud:rds/instance:Instance', 'alicloud:polardb/cluster:Cluster', 'alicloud:kvstore/instance:Instance'], path: 'inputs.tdeStatus', label: 'TDE', isOn: truthy },
  { types: ['alicloud:polardb/cluster:Cluster'], path: 'inputs.encryptNewTables', label: 'PolarDB encryption of new tables', isOn: truthy },
  { types: ['alicloud:rds/instance:Instance'], path: 'inputs.encryptionKey', label: 'RDS disk encryption key', isOn: present },
  { types: ['alicloud:ess/scalingConfiguration:ScalingConfiguration'], path: 'inputs.systemDiskEncrypted', label: 'system disk encryption', isOn: truthy },
  { types: ['alicloud:ecs/instance:Instance'], path: 'inputs.systemDiskEncrypted', label: 'system disk encryption', isOn: truthy },
  { types: ['alicloud:ecs/ecsDisk:EcsDisk', 'alicloud:ecs/disk:Disk'], path: 'inputs.encrypted', label: 'disk encryption', isOn: truthy },
  { types: ['alicloud:log/store:Store'], path: 'inputs.encryptConf.enable', label: 'log store encryption', isOn: truthy },
  // Alibaba Cloud, in transit
  { types: ['alicloud:rds/instance:Instance'], path: 'inputs.sslAction', label: 'RDS SSL', isOn: (v) => v === 'Open' || v === 'Update' },
  { types: ['alicloud:kvstore/instance:Instance'], path: 'inputs.sslEnable', label: 'Redis TLS', isOn: truthy },
  { types: ['alicloud:alb/listener:Listener'], path: 'inputs.listenerProtocol', label: 'listener protocol', isOn: (v) => v === 'HTTPS' || v === 'QUIC' },
];

/** Resources whose presence encrypts another one. */
export const ENCRYPTION_GUARDS: readonly GuardResource[] = [
  { types: ['alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption'], label: 'OSS server-side encryption', target: 'inputs.bucket' },
];

/** Encryption at rest or in transit turned off (or on). */
export const encryptionChanges: SecurityCheck = {
  category: 'encryption',
  description: 'Encryption at rest or in transit turned off (counts) or on.',
  check: (pair) => [
    ...toggleFindings(pair, 'encryption', ENCRYPTION_SETTINGS, { off: 'turned off', on: 'turned on' }),
    ...guardFindings(pair, 'encryption', ENCRYPTION_GUARDS, { removed: 'turned off', added: 'turned on' }),
  ],
};

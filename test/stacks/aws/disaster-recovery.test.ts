import { SpecError } from '../../../stacks/spec';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthArchitecture, SynthesizedArchitecture } from '../../helpers/aws';
import { specWith } from '../../helpers/spec';
import type { DrStrategy } from '../../../stacks/spec/disaster-recovery';

const RECOVERY = 'twinstack-prod-disaster-recovery-recovery';
const PRIMARY = 'twinstack-prod-disaster-recovery-primary';
const RECOVERY_VAULT_ARN = 'arn:aws:backup:eu-west-2:111122223333:backup-vault:twinstack-prod-dr-recovery';
const REPLICA_BUCKET = 'twinstack-prod-dr-replica-111122223333-eu-west-2';

/** Objectives each strategy accepts (rules/recovery-objectives.ts). */
const OBJECTIVES: Record<DrStrategy, { rpoMinutes: number; rtoMinutes: number }> = {
  'backup-restore': { rpoMinutes: 240, rtoMinutes: 480 },
  'pilot-light': { rpoMinutes: 15, rtoMinutes: 60 },
  'warm-standby': { rpoMinutes: 5, rtoMinutes: 15 },
};

function drSpec(strategy: DrStrategy, edit: (dr: any) => void = () => {}) {
  return specWith((input) => {
    const dr = input.architectures['disaster-recovery'];
    Object.assign(dr, { strategy }, OBJECTIVES[strategy]);
    edit(dr);
  });
}

const synthesized = {} as Record<DrStrategy, SynthesizedArchitecture>;
beforeAll(() => {
  for (const strategy of Object.keys(OBJECTIVES) as DrStrategy[]) {
    synthesized[strategy] = synthArchitecture('disaster-recovery', drSpec(strategy));
  }
});
const template = (strategy: DrStrategy, stack: string): Template => synthesized[strategy].templates[stack];

describe('disaster recovery on AWS', () => {
  test('deploys the recovery region first, then the primary, each in its own region', () => {
    const [recovery, primary] = synthesized['pilot-light'].stacks;
    expect(recovery.stackName).toBe(RECOVERY);
    expect(recovery.region).toBe('eu-west-2');
    expect(primary.stackName).toBe(PRIMARY);
    expect(primary.region).toBe('eu-west-1');
    expect(primary.dependencies).toContain(recovery);
  });

  test.each(Object.keys(OBJECTIVES) as DrStrategy[])('renders %s as in the snapshot', (strategy) => {
    expect(template(strategy, RECOVERY).toJSON()).toMatchSnapshot('recovery');
    expect(template(strategy, PRIMARY).toJSON()).toMatchSnapshot('primary');
  });

  test('synthesizes the same templates every time', () => {
    const again = synthArchitecture('disaster-recovery', drSpec('pilot-light'));
    for (const name of [RECOVERY, PRIMARY]) {
      expect(JSON.stringify(again.templates[name].toJSON())).toBe(JSON.stringify(template('pilot-light', name).toJSON()));
    }
  });
});

describe('backups', () => {
  test('keeps recovery points in vaults encrypted with rotating KMS keys that block deletion', () => {
    for (const name of [RECOVERY, PRIMARY]) {
      const t = template('pilot-light', name);
      t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      t.hasResourceProperties('AWS::Backup::BackupVault', {
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupVaultKey'), 'Arn'] },
        AccessPolicy: Match.objectLike({
          Statement: [Match.objectLike({ Effect: 'Deny', Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'] })],
        }),
      });
    }
    template('pilot-light', RECOVERY).hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'twinstack-prod-dr-recovery' });
    template('pilot-light', PRIMARY).hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'twinstack-prod-dr-primary' });
  });

  test('locks the recovery vault in governance mode at the spec retention', () => {
    template('pilot-light', RECOVERY).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 35, ChangeableForDays: Match.absent(), MaxRetentionDays: Match.absent() },
    });
  });

  test('snapshots table and bucket every hour under backup and restore, copied to the recovery vault', () => {
    const t = template('backup-restore', PRIMARY);
    t.resourceCountIs('AWS::Backup::BackupPlan', 1);
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'twinstack-prod-dr-hourly',
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 * * * ? *)',
            EnableContinuousBackup: Match.absent(),
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: RECOVERY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 35 } }],
          }),
        ],
      },
    });
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'Arn'] }, { 'Fn::GetAtt': [Match.stringLikeRegexp('^FilesBucket'), 'Arn'] }],
      }),
    });
  });

  test('backs the bucket up continuously when the RPO is under an hour, still copying every point', () => {
    const t = template('pilot-light', PRIMARY);
    t.resourceCountIs('AWS::Backup::BackupPlan', 2);
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'twinstack-prod-dr-continuous',
        BackupPlanRule: [
          Match.objectLike({
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: RECOVERY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 35 } }],
          }),
        ],
      },
    });
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^FilesBucket'), 'Arn'] }] }),
    });
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'Arn'] }] }),
    });
  });

  test('follows the spec retention in both vaults, capping only local continuous points at 35 days', () => {
    const { templates } = synthArchitecture('disaster-recovery', drSpec('pilot-light', (dr) => (dr.backup.retentionDays = 90)));
    templates[RECOVERY].hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 90 } });
    const plans = Object.values(templates[PRIMARY].findResources('AWS::Backup::BackupPlan')).map((r) => r.Properties.BackupPlan);
    expect(plans.map((plan) => [plan.BackupPlanName, plan.BackupPlanRule[0].Lifecycle.DeleteAfterDays, plan.BackupPlanRule[0].CopyActions])).toEqual([
      ['twinstack-prod-dr-hourly', 90, [{ DestinationBackupVaultArn: RECOVERY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 90 } }]],
      ['twinstack-prod-dr-continuous', 35, [{ DestinationBackupVaultArn: RECOVERY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 90 } }]],
    ]);
  });

  test('runs backups as a role only AWS Backup can assume', () => {
    template('pilot-light', PRIMARY).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })] },
      ManagedPolicyArns: Match.arrayWith([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup']] },
      ]),
    });
  });
});

describe('data replication', () => {
  test('replicates the data bucket, delete markers included, to the recovery bucket', () => {
    template('backup-restore', PRIMARY).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^SiteAccessLogs') }, LogFilePrefix: 's3/data/' },
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FilesReplicationRole'), 'Arn'] },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: { Bucket: `arn:aws:s3:::${REPLICA_BUCKET}`, ReplicationTime: Match.absent() },
          }),
        ],
      },
    });
  });

  test('guarantees 15-minute replication (S3 RTC) when the RPO is under an hour', () => {
    template('pilot-light', PRIMARY).hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: Match.objectLike({
        Rules: [Match.objectLike({ Destination: Match.objectLike({ ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } }) })],
      }),
    });
  });

  test('lets the replication role read only the source and write only into the replica', () => {
    const policies = template('pilot-light', PRIMARY).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^FilesReplicationRole') }] },
    });
    const statements = Object.values(policies)[0].Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^FilesBucket/), 'Arn'] } },
      {
        Effect: 'Allow',
        Action: ['s3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^FilesBucket/), 'Arn'] }, '/*']] },
      },
      { Effect: 'Allow', Action: ['s3:ReplicateDelete', 's3:ReplicateObject', 's3:ReplicateTags'], Resource: `arn:aws:s3:::${REPLICA_BUCKET}/*` },
    ]);
  });

  test('receives replicas in a private, versioned, encrypted, TLS-only bucket with access logs', () => {
    const t = template('backup-restore', RECOVERY);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: REPLICA_BUCKET,
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') } }),
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^DataReplica') },
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('replicates the table to the recovery region with point-in-time recovery and deletion protection', () => {
    const replica = (region: string) =>
      Match.objectLike({ Region: region, DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 } });
    for (const strategy of ['pilot-light', 'warm-standby'] as const) {
      template(strategy, PRIMARY).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: 'twinstack-prod-dr-data',
        Replicas: Match.arrayEquals([replica('eu-west-2'), replica('eu-west-1')]),
      });
    }
  });

  test('keeps the table in the primary region only under backup and restore', () => {
    template('backup-restore', PRIMARY).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Region: 'eu-west-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 } })],
    });
  });
});

describe('standby capacity and failover', () => {
  test('keeps the primary web tier at full capacity', () => {
    for (const strategy of Object.keys(OBJECTIVES) as DrStrategy[]) {
      template(strategy, PRIMARY).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '6' });
    }
  });

  test('runs no compute at the recovery site under backup and restore, and says how to rebuild', () => {
    const t = template('backup-restore', RECOVERY);
    for (const type of ['AWS::AutoScaling::AutoScalingGroup', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::EC2::VPC', 'AWS::Route53::RecordSet']) {
      t.resourceCountIs(type, 0);
    }
    t.hasOutput('RecoveryProcedure', { Value: Match.stringLikeRegexp('rebuilt from code and backups.*restore table twinstack-prod-dr-data from the latest recovery point in vault twinstack-prod-dr-recovery') });
  });

  test('keeps a cold web tier (0 instances) at the recovery site under pilot light', () => {
    template('pilot-light', RECOVERY).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '0', MaxSize: '6', DesiredCapacity: Match.absent() });
  });

  test('keeps the standby instances of the spec running under warm standby', () => {
    template('warm-standby', RECOVERY).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '1', MaxSize: '6' });
    const { templates } = synthArchitecture('disaster-recovery', drSpec('warm-standby', (dr) => (dr.capacity.standbyInstances = 3)));
    templates[RECOVERY].hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '6' });
  });

  test('refuses more standby instances than the maximum when the spec is parsed', () => {
    expect(() => drSpec('warm-standby', (dr) => (dr.capacity.standbyInstances = 7))).toThrow(SpecError);
  });

  test.each([
    ['backup-restore', PRIMARY, 'PRIMARY'],
    ['pilot-light', PRIMARY, 'PRIMARY'],
    ['pilot-light', RECOVERY, 'SECONDARY'],
    ['warm-standby', RECOVERY, 'SECONDARY'],
  ] as const)('%s: %s answers for the domain as the %s failover record, gated by an HTTPS health check', (strategy, stack, failover) => {
    const t = template(strategy, stack);
    t.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: Match.objectLike({
        Type: 'HTTPS',
        Port: 443,
        ResourcePath: '/health',
        FullyQualifiedDomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteWebLoadBalancer'), 'DNSName'] },
      }),
    });
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'dr.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Failover: failover,
      HealthCheckId: { Ref: Match.stringLikeRegexp('^SiteFailoverHealthCheck') },
      AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
    });
  });
});

describe('outputs', () => {
  test.each(Object.entries(OBJECTIVES) as Array<[DrStrategy, { rpoMinutes: number; rtoMinutes: number }]>)(
    '%s: both stacks state the strategy and the RPO/RTO they were built for',
    (strategy, objectives) => {
      for (const name of [RECOVERY, PRIMARY]) {
        const t = template(strategy, name);
        t.hasOutput('Strategy', { Value: strategy });
        t.hasOutput('RpoMinutes', { Value: String(objectives.rpoMinutes) });
        t.hasOutput('RtoMinutes', { Value: String(objectives.rtoMinutes) });
      }
    },
  );

  test('names the vaults, buckets, table and load balancers an operator needs', () => {
    const recovery = template('pilot-light', RECOVERY);
    recovery.hasOutput('BackupVaultName', {});
    recovery.hasOutput('ReplicaBucketName', {});
    recovery.hasOutput('LoadBalancerDnsName', {});
    recovery.hasOutput('AutoScalingGroupName', {});
    const primary = template('pilot-light', PRIMARY);
    primary.hasOutput('RecoveryVaultArn', { Value: RECOVERY_VAULT_ARN });
    for (const name of ['BackupVaultName', 'TableName', 'DataBucketName', 'LoadBalancerDnsName', 'HealthCheckId']) primary.hasOutput(name, {});
  });
});

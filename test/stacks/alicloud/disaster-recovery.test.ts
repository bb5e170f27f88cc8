import type { Manifest, ManifestResource } from '../../../stacks/alicloud/manifest';
import { ofType, oneOfType, renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

const T = {
  provider: 'pulumi:providers:alicloud',
  vault: 'alicloud:hbr/vault:Vault',
  replicationVault: 'alicloud:hbr/replicationVault:ReplicationVault',
  ossPlan: 'alicloud:hbr/ossBackupPlan:OssBackupPlan',
  bucket: 'alicloud:oss/bucket:Bucket',
  bucketAcl: 'alicloud:oss/bucketAcl:BucketAcl',
  publicAccessBlock: 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock',
  replication: 'alicloud:oss/bucketReplication:BucketReplication',
  rds: 'alicloud:rds/instance:Instance',
  backupPolicy: 'alicloud:rds/backupPolicy:BackupPolicy',
  crossBackup: 'alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy',
  alb: 'alicloud:alb/loadBalancer:LoadBalancer',
  scalingGroup: 'alicloud:ess/scalingGroup:ScalingGroup',
  vpc: 'alicloud:vpc/network:Network',
} as const;

const NAME = 'twinstack-prod-disaster-recovery';

/** Specs for each strategy, with objectives that strategy can meet. */
const STRATEGIES = {
  'backup-restore': specWith((s) => Object.assign(s.architectures['disaster-recovery'], { strategy: 'backup-restore', rpoMinutes: 60, rtoMinutes: 240 })),
  'pilot-light': specWith((s) => Object.assign(s.architectures['disaster-recovery'], { strategy: 'pilot-light', rpoMinutes: 15, rtoMinutes: 60 })),
  'warm-standby': specWith((s) => Object.assign(s.architectures['disaster-recovery'], { strategy: 'warm-standby', rpoMinutes: 5, rtoMinutes: 10 })),
};

function named(manifest: Manifest, type: string, name: string): ManifestResource {
  const found = ofType(manifest, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

describe('disaster-recovery on Alibaba Cloud', () => {
  let manifest: Manifest;
  const rendered: Partial<Record<keyof typeof STRATEGIES, Manifest>> = {};

  beforeAll(async () => {
    manifest = await renderArchitecture('disaster-recovery');
    for (const strategy of Object.keys(STRATEGIES) as Array<keyof typeof STRATEGIES>) {
      rendered[strategy] = await renderArchitecture('disaster-recovery', STRATEGIES[strategy]);
    }
  });

  it('has one explicit provider per region', () => {
    const providers = ofType(manifest, T.provider).map((p) => [p.name, p.region]);
    expect(providers).toEqual([
      [`${NAME}-primary`, 'cn-hangzhou'],
      [`${NAME}-recovery`, 'cn-beijing'],
    ]);
    expect(manifest.resources.filter((r) => r.type !== T.provider && r.type.startsWith('alicloud:') && r.region === undefined)).toEqual([]);
  });

  it('keeps a vault in the primary region replicated to a vault in the recovery region', () => {
    const vault = oneOfType(manifest, T.vault);
    expect(vault.region).toBe('cn-hangzhou');
    expect(vault.inputs).toMatchObject({ vaultName: `${NAME}-backup`, vaultType: 'STANDARD', wormEnabled: true });
    const replica = oneOfType(manifest, T.replicationVault);
    expect(replica.region).toBe('cn-beijing');
    expect(replica.inputs).toMatchObject({ replicationSourceRegionId: 'cn-hangzhou', replicationSourceVaultId: `${vault.name}.id` });
  });

  it('backs the data bucket up with the spec retention and an interval within the RPO (hourly floor)', () => {
    const plan = oneOfType(manifest, T.ossPlan);
    expect(plan.region).toBe('cn-hangzhou');
    expect(plan.inputs).toMatchObject({
      vaultId: `${NAME}-backup-vault.id`,
      bucket: 'twinstack-prod-dr-data-cn-hangzhou',
      retention: '35',
      backupType: 'COMPLETE',
      schedule: 'I|1704132000|PT1H',
    });
    const schedule = (spec: keyof typeof STRATEGIES) => oneOfType(rendered[spec]!, T.ossPlan).inputs.schedule;
    expect(schedule('backup-restore')).toBe('I|1704132000|PT1H');
    expect(schedule('warm-standby')).toBe('I|1704132000|PT1H');
  });

  it('follows the spec: retention and a longer RPO change the plan', async () => {
    const spec = specWith((s) => {
      Object.assign(s.architectures['disaster-recovery'], { strategy: 'backup-restore', rpoMinutes: 360, rtoMinutes: 480 });
      s.architectures['disaster-recovery'].backup.retentionDays = 90;
    });
    const changed = await renderArchitecture('disaster-recovery', spec);
    expect(oneOfType(changed, T.ossPlan).inputs).toMatchObject({ retention: '90', schedule: 'I|1704132000|PT6H' });
    expect(oneOfType(changed, T.backupPolicy).inputs).toMatchObject({ backupRetentionPeriod: 90, logBackupRetentionPeriod: 90 });
    expect(oneOfType(changed, T.crossBackup).inputs.retention).toBe(90);
    expect(changed.outputs).toMatchObject({ rpoMinutes: 360, rtoMinutes: 480, backupSchedule: 'I|1704132000|PT6H' });
  });

  it('replicates a private, encrypted, versioned bucket to the recovery region', () => {
    const source = named(manifest, T.bucket, `${NAME}-files-source`);
    const replica = named(manifest, T.bucket, `${NAME}-files-replica`);
    expect(source.region).toBe('cn-hangzhou');
    expect(replica.region).toBe('cn-beijing');
    for (const bucket of [source, replica]) {
      expect(bucket.inputs).toMatchObject({ serverSideEncryptionRule: { sseAlgorithm: 'AES256' }, versioning: { status: 'Enabled' }, redundancyType: 'ZRS' });
      expect(bucket.inputs.acl).toBeUndefined();
    }
    expect(ofType(manifest, T.bucketAcl).map((a) => [a.inputs.bucket, a.inputs.acl, a.region])).toEqual([
      ['twinstack-prod-dr-replica-cn-beijing', 'private', 'cn-beijing'],
      ['twinstack-prod-dr-data-cn-hangzhou', 'private', 'cn-hangzhou'],
    ]);
    const replication = oneOfType(manifest, T.replication);
    expect(replication.region).toBe('cn-hangzhou');
    expect(replication.inputs).toMatchObject({
      bucket: 'twinstack-prod-dr-data-cn-hangzhou',
      destination: { bucket: 'twinstack-prod-dr-replica-cn-beijing', location: 'oss-cn-beijing' },
      historicalObjectReplication: 'enabled',
      action: 'ALL',
      rtc: { enabled: true },
    });
    expect(oneOfType(rendered['backup-restore']!, T.replication).inputs.rtc).toBeUndefined();
  });

  it('runs MySQL 8.0 HA with SSL, VPC-only access and backups copied to the recovery region', () => {
    const db = oneOfType(manifest, T.rds);
    expect(db.region).toBe('cn-hangzhou');
    expect(db.inputs).toMatchObject({
      engine: 'MySQL',
      engineVersion: '8.0',
      category: 'HighAvailability',
      zoneId: 'cn-hangzhou-h',
      zoneIdSlaveA: 'cn-hangzhou-i',
      vswitchId: `${NAME}-primary-network-data-cn-hangzhou-h.id,${NAME}-primary-network-data-cn-hangzhou-i.id`,
      sslAction: 'Open',
      securityIps: ['10.30.0.0/16'],
    });
    expect(oneOfType(manifest, T.backupPolicy).inputs).toMatchObject({ instanceId: `${db.name}.id`, backupRetentionPeriod: 35, enableBackupLog: true });
    const cross = oneOfType(manifest, T.crossBackup);
    expect(cross.region).toBe('cn-hangzhou');
    expect(cross.inputs).toMatchObject({ instanceId: `${db.name}.id`, crossBackupRegion: 'cn-beijing', retention: 35, logBackupEnabled: 'Enable' });
  });

  it('runs the primary web tier at full capacity over both zones', () => {
    const group = named(manifest, T.scalingGroup, `${NAME}-primary-web-group`);
    expect(group.region).toBe('cn-hangzhou');
    expect(group.inputs).toMatchObject({ minSize: 2, maxSize: 6 });
    const alb = named(manifest, T.alb, `${NAME}-primary-web-alb`);
    expect((alb.inputs.zoneMappings as Array<{ zoneId: string }>).map((z) => z.zoneId)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
  });

  it('backup-restore keeps no compute in the recovery region', () => {
    const m = rendered['backup-restore']!;
    const inRecovery = m.resources.filter((r) => r.region === 'cn-beijing' && r.type !== T.provider).map((r) => r.type);
    expect([...new Set(inRecovery)].sort()).toEqual([T.bucket, T.bucketAcl, T.publicAccessBlock, T.replicationVault].sort());
    expect(ofType(m, T.scalingGroup)).toHaveLength(1);
    expect(m.outputs).toMatchObject({ strategy: 'backup-restore', rpoMinutes: 60, rtoMinutes: 240 });
    expect(m.outputs.recoveryLoadBalancerDnsName).toBeUndefined();
    expect(m.outputs.recoveryProcedure).toContain('rebuild the site from this code in cn-beijing');
  });

  it('pilot-light keeps a network and a cold web tier (0 instances) in the recovery region', () => {
    const m = rendered['pilot-light']!;
    const vpc = named(m, T.vpc, `${NAME}-recovery-network-vpc`);
    expect(vpc.region).toBe('cn-beijing');
    expect(vpc.inputs.cidrBlock).toBe('10.40.0.0/16');
    const group = named(m, T.scalingGroup, `${NAME}-recovery-web-group`);
    expect(group.region).toBe('cn-beijing');
    expect(group.inputs).toMatchObject({ minSize: 0, maxSize: 6 });
    expect(named(m, T.alb, `${NAME}-recovery-web-alb`).region).toBe('cn-beijing');
    expect(m.outputs).toMatchObject({
      strategy: 'pilot-light',
      rpoMinutes: 15,
      rtoMinutes: 60,
      recoveryStandbyInstances: 0,
      recoveryLoadBalancerDnsName: `${NAME}-recovery-web-alb.dnsName`,
    });
  });

  it('warm-standby keeps standbyInstances running in the recovery region', () => {
    const m = rendered['warm-standby']!;
    const group = named(m, T.scalingGroup, `${NAME}-recovery-web-group`);
    expect(group.region).toBe('cn-beijing');
    expect(group.inputs).toMatchObject({ minSize: 1, maxSize: 6 });
    expect(m.outputs).toMatchObject({ strategy: 'warm-standby', rpoMinutes: 5, rtoMinutes: 10, recoveryStandbyInstances: 1 });
  });

  it('states what an operator needs in the outputs', () => {
    expect(manifest.outputs).toMatchObject({
      strategy: 'pilot-light',
      rpoMinutes: 15,
      rtoMinutes: 60,
      primaryRegion: 'cn-hangzhou',
      recoveryRegion: 'cn-beijing',
      backupVaultId: `${NAME}-backup-vault.id`,
      replicationVaultId: `${NAME}-backup-replication-vault.id`,
      dataBucket: 'twinstack-prod-dr-data-cn-hangzhou',
      replicaBucket: 'twinstack-prod-dr-replica-cn-beijing',
      databaseBackupCopiedTo: 'cn-beijing',
      primaryLoadBalancerDnsName: `${NAME}-primary-web-alb.dnsName`,
    });
  });

  it('passes the Alibaba compliance rules for every strategy, acknowledging the hourly HBR floor below an hour', async () => {
    const { evaluate } = await import('../../../stacks/alicloud/compliance');
    for (const strategy of Object.keys(STRATEGIES) as Array<keyof typeof STRATEGIES>) {
      const report = evaluate(rendered[strategy]!, STRATEGIES[strategy]);
      expect([strategy, report.errors]).toEqual([strategy, []]);
      expect([strategy, report.warnings]).toEqual([strategy, []]);
      const acknowledged = report.acknowledged.map((f) => [f.ruleId, f.resource]);
      expect([strategy, acknowledged]).toEqual([
        strategy,
        strategy === 'backup-restore' ? [] : [['ALI-HBR-RETENTION', `${NAME}-backup-oss-0`]],
      ]);
    }
    expect(ofType(manifest, T.publicAccessBlock).map((b) => [b.inputs.bucket, b.inputs.blockPublicAccess])).toEqual([
      ['twinstack-prod-dr-replica-cn-beijing', true],
      ['twinstack-prod-dr-data-cn-hangzhou', true],
    ]);
  });

  it('refuses a retention RDS cannot keep, naming the field', async () => {
    const spec = specWith((s) => {
      s.architectures['disaster-recovery'].backup.retentionDays = 1000;
    });
    // Constructed directly (mocks are in place from beforeAll): the refusal comes before any
    // registration, and a throw inside the renderer's stack callback would end the process.
    const { DisasterRecovery } = await import('../../../stacks/alicloud/disaster-recovery');
    expect(() => new DisasterRecovery('refused', { spec })).toThrow(/architectures\.disaster-recovery\.backup\.retentionDays: .*at most 730 days/);
  });

  it('renders the same manifest twice', async () => {
    const again = await renderArchitecture('disaster-recovery');
    expect(JSON.stringify(again)).toBe(JSON.stringify(manifest));
  });

  it('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });
});

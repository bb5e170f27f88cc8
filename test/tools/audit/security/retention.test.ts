import { retentionChanges } from '../../../../tools/audit/security/retention';
import { ali, cfn, pair, summary } from '../fixtures';

const check = (before: any, after: any) => summary(retentionChanges.check(pair(before, after)));

describe('retention shortened or lengthened', () => {
  it('reports a log group retention shortened, and a log group that kept logs forever given a limit', () => {
    expect(check(cfn('AWS::Logs::LogGroup', { RetentionInDays: 365 }), cfn('AWS::Logs::LogGroup', { RetentionInDays: 30 }))).toEqual([
      '!shortened @Properties.RetentionInDays: log retention (365 days → 30 days)',
    ]);
    expect(check(cfn('AWS::Logs::LogGroup', {}), cfn('AWS::Logs::LogGroup', { RetentionInDays: 90 }))).toEqual([
      '!shortened @Properties.RetentionInDays: log retention (forever → 90 days)',
    ]);
    expect(check(cfn('AWS::Logs::LogGroup', { RetentionInDays: 30 }), cfn('AWS::Logs::LogGroup', { RetentionInDays: 90 }))).toEqual([
      'lengthened @Properties.RetentionInDays: log retention (30 days → 90 days)',
    ]);
  });

  it('reports a backup plan rule and its cross-region copy kept for fewer days, rule by rule', () => {
    const plan = (days: number, copyDays: number) =>
      cfn('AWS::Backup::BackupPlan', {
        BackupPlan: {
          BackupPlanName: 'p',
          BackupPlanRule: [
            { RuleName: 'Daily', Lifecycle: { DeleteAfterDays: days }, CopyActions: [{ DestinationBackupVaultArn: 'arn', Lifecycle: { DeleteAfterDays: copyDays } }] },
            { RuleName: 'Monthly', Lifecycle: { DeleteAfterDays: 365 } },
          ],
        },
      });
    expect(check(plan(35, 35), plan(7, 35))).toEqual(['!shortened @Properties.BackupPlan.BackupPlanRule[RuleName=Daily].Lifecycle.DeleteAfterDays: backup retention (35 days → 7 days)']);
    expect(check(plan(35, 35), plan(35, 14))).toEqual([
      '!shortened @Properties.BackupPlan.BackupPlanRule[RuleName=Daily].CopyActions[0].Lifecycle.DeleteAfterDays: backup copy retention (35 days → 14 days)',
    ]);
  });

  it('reports HBR plan retention (a number in text), RDS backup retention and log store retention shortened', () => {
    expect(check(ali('hbr/ossBackupPlan:OssBackupPlan', { retention: '35' }), ali('hbr/ossBackupPlan:OssBackupPlan', { retention: '7' }))).toEqual([
      '!shortened @inputs.retention: HBR backup retention (35 days → 7 days)',
    ]);
    expect(check(ali('rds/backupPolicy:BackupPolicy', { backupRetentionPeriod: 35, logBackupRetentionPeriod: 35 }), ali('rds/backupPolicy:BackupPolicy', { backupRetentionPeriod: 7, logBackupRetentionPeriod: 35 }))).toEqual([
      '!shortened @inputs.backupRetentionPeriod: RDS backup retention (35 days → 7 days)',
    ]);
    expect(check(ali('log/store:Store', { retentionPeriod: 90 }), ali('log/store:Store', { retentionPeriod: 30 }))).toEqual(['!shortened @inputs.retentionPeriod: log retention (90 days → 30 days)']);
  });

  it('reports an OSS lifecycle rule expiring old versions sooner, matched by rule id', () => {
    const bucket = (days: number) => ali('oss/bucket:Bucket', { lifecycleRules: [{ id: 'expire-noncurrent-versions', enabled: true, noncurrentVersionExpirations: [{ days }] }] });
    expect(check(bucket(35), bucket(7))).toEqual([
      '!shortened @inputs.lifecycleRules[id=expire-noncurrent-versions].noncurrentVersionExpirations[0].days: OSS noncurrent version expiry (35 days → 7 days)',
    ]);
  });
});

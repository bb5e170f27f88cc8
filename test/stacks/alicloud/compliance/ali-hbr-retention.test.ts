import { aliHbrRetention, scheduleIntervalMinutes } from '../../../../stacks/alicloud/compliance/rules/ali-hbr-retention';
import { specWith } from '../../../helpers/spec';
import { ACK_REASON, manifestOf, res, run, SPEC } from './fixtures';

// Default spec: retention 35 days, RPO 15 minutes.
const NONE = { errors: [], warnings: [], acknowledged: [] };
const oss = (inputs: Record<string, unknown>, acks?: any) =>
  res('hbr/ossBackupPlan:OssBackupPlan', 'plan', { bucket: 'data', vaultId: 'vault.id', backupType: 'COMPLETE', ossBackupPlanName: 'plan', retention: '35', schedule: 'I|1700000000|PT15M', ...inputs }, acks);
const policy = (rules: unknown[]) => res('hbr/policy:Policy', 'policy', { policyType: 'STANDARD', rules });
const onPlan = (message: string, severity = 'error') => ({ ruleId: 'ALI-HBR-RETENTION', severity, resource: 'plan', type: 'alicloud:hbr/ossBackupPlan:OssBackupPlan', message });
const onPolicy = (message: string) => ({ ruleId: 'ALI-HBR-RETENTION', severity: 'error', resource: 'policy', type: 'alicloud:hbr/policy:Policy', message });

describe('ALI-HBR-RETENTION', () => {
  it('reads HBR schedules', () => {
    expect(SPEC.architectures['disaster-recovery']).toMatchObject({ rpoMinutes: 15, backup: { retentionDays: 35 } });
    expect(scheduleIntervalMinutes('I|1631685600|PT1H')).toBe(60);
    expect(scheduleIntervalMinutes('I|1631685600|P1D')).toBe(1440);
    expect(scheduleIntervalMinutes('I|1631685600|P1DT30M')).toBe(1470);
    expect(scheduleIntervalMinutes('I|1631685600|P1M')).toBeUndefined();
    expect(scheduleIntervalMinutes('daily')).toBeUndefined();
  });

  it('passes plans and policies meeting retention and RPO', () => {
    const rules = [
      { ruleType: 'BACKUP', backupType: 'COMPLETE', schedule: 'I|1700000000|PT15M', retention: 35 },
      { ruleType: 'REPLICATION', replicationRegionId: 'cn-beijing', retention: 35 },
    ];
    expect(run(aliHbrRetention, manifestOf(oss({}), policy(rules)))).toEqual(NONE);
  });

  it('finds short retention and schedules slower than the RPO', () => {
    expect(run(aliHbrRetention, manifestOf(oss({ retention: '7', schedule: 'I|1700000000|PT1H' }))).errors).toEqual([
      onPlan("plan keeps recovery points 7 days, fewer than the spec's 35"),
      onPlan('backs up every 60 min, longer than the RPO of 15 min'),
    ]);
    const rules = [
      { ruleType: 'BACKUP', backupType: 'COMPLETE', schedule: 'I|1700000000|P1D' },
      { ruleType: 'TRANSITION', retention: 30 },
      { ruleType: 'REPLICATION', replicationRegionId: 'cn-beijing', retention: 7 },
    ];
    expect(run(aliHbrRetention, manifestOf(policy(rules))).errors).toEqual([
      onPolicy("policy keeps recovery points 30 days, fewer than the spec's 35"),
      onPolicy("replication to cn-beijing keeps recovery points 7 days, fewer than the spec's 35"),
      onPolicy('backs up every 1440 min, longer than the RPO of 15 min'),
    ]);
    expect(run(aliHbrRetention, manifestOf(policy([]))).errors).toEqual([onPolicy('policy retention is not set'), onPolicy('no backup schedule: recovery points are never taken')]);
  });

  it('checks cross-region copies of server backup plans', () => {
    const plan = res('hbr/serverBackupPlan:ServerBackupPlan', 'srv', {
      retention: 35,
      schedule: 'I|1700000000|PT10M',
      details: [{ doCopy: true, destinationRegionId: 'cn-beijing', destinationRetention: 10 }],
    });
    expect(run(aliHbrRetention, manifestOf(plan)).errors).toEqual([
      { ruleId: 'ALI-HBR-RETENTION', severity: 'error', resource: 'srv', type: 'alicloud:hbr/serverBackupPlan:ServerBackupPlan', message: "copy to cn-beijing keeps recovery points 10 days, fewer than the spec's 35" },
    ]);
  });

  it('warns when the schedule cannot be read against the RPO', () => {
    expect(run(aliHbrRetention, manifestOf(oss({ schedule: 'I|1700000000|P1M' })))).toEqual({
      ...NONE,
      warnings: [onPlan('schedule "I|1700000000|P1M" is not I|{startTime}|{interval in W/D/H/M/S}: RPO of 15 min not checked', 'warning')],
    });
  });

  it('follows the spec: a longer RPO and shorter retention pass the same plan', () => {
    const relaxed = specWith((s) => {
      s.architectures['disaster-recovery'].rpoMinutes = 60;
      s.architectures['disaster-recovery'].backup.retentionDays = 7;
    });
    expect(run(aliHbrRetention, manifestOf(oss({ retention: '7', schedule: 'I|1700000000|PT1H' })), relaxed)).toEqual(NONE);
  });

  it('does not apply to other resources', () => {
    expect(run(aliHbrRetention, manifestOf(res('hbr/vault:Vault', 'vault', { retention: '1' })))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    const report = run(aliHbrRetention, manifestOf(oss({ schedule: 'I|1700000000|PT1H' }, [{ ruleId: 'ALI-HBR-RETENTION', reason: ACK_REASON }])));
    expect(report).toEqual({ ...NONE, acknowledged: [{ ...onPlan('backs up every 60 min, longer than the RPO of 15 min'), reason: ACK_REASON }] });
  });
});

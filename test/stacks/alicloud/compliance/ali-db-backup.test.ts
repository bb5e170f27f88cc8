import { aliDbBackup } from '../../../../stacks/alicloud/compliance/rules/ali-db-backup';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const NONE = { errors: [], warnings: [], acknowledged: [] };
const rds = (acks?: any) => res('rds/instance:Instance', 'db', { engine: 'MySQL' }, acks);
const rdsPolicy = (inputs: Record<string, unknown>) => res('rds/backupPolicy:BackupPolicy', 'db-backup', { instanceId: 'db.id', ...inputs });
const cluster = () => res('polardb/cluster:Cluster', 'pc', { dbType: 'MySQL' });
const polarPolicy = (inputs: Record<string, unknown>) => res('polardb/backupPolicy:BackupPolicy', 'pc-backup', { dbClusterId: 'pc.id', ...inputs });
const onRds = (message: string) => ({ ruleId: 'ALI-DB-BACKUP', severity: 'error', resource: 'db', type: 'alicloud:rds/instance:Instance', message });
const onCluster = (message: string) => ({ ruleId: 'ALI-DB-BACKUP', severity: 'error', resource: 'pc', type: 'alicloud:polardb/cluster:Cluster', message });

describe('ALI-DB-BACKUP', () => {
  it('passes declared policies keeping 7 days or more (unset retention is the documented 7)', () => {
    expect(run(aliDbBackup, manifestOf(rds(), rdsPolicy({ backupRetentionPeriod: 14 }), cluster(), polarPolicy({ backupRetentionPeriod: '7' })))).toEqual(NONE);
    expect(run(aliDbBackup, manifestOf(rds(), rdsPolicy({}), cluster(), polarPolicy({})))).toEqual(NONE);
  });

  it('finds databases without a policy or with a short retention', () => {
    expect(run(aliDbBackup, manifestOf(rds(), cluster())).errors).toEqual([onRds('no BackupPolicy declared for it'), onCluster('no BackupPolicy declared for it')]);
    expect(run(aliDbBackup, manifestOf(rds(), rdsPolicy({ backupRetentionPeriod: 3 }), cluster(), polarPolicy({ backupRetentionPeriod: '5' }))).errors).toEqual([
      onRds('backups are kept 3 days, fewer than 7'),
      onCluster('backups are kept 5 days, fewer than 7'),
    ]);
    expect(run(aliDbBackup, manifestOf(rds(), rdsPolicy({ instanceId: 'other.id', backupRetentionPeriod: 30 }))).errors).toEqual([onRds('no BackupPolicy declared for it')]);
  });

  it('does not apply to other resources', () => {
    expect(run(aliDbBackup, manifestOf(res('rds/readOnlyInstance:ReadOnlyInstance', 'ro', {}), rdsPolicy({ backupRetentionPeriod: 1 })))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    expect(run(aliDbBackup, manifestOf(rds([{ ruleId: 'ALI-DB-BACKUP', reason: ACK_REASON }])))).toEqual({ ...NONE, acknowledged: [{ ...onRds('no BackupPolicy declared for it'), reason: ACK_REASON }] });
  });
});

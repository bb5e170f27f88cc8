import { attachedTo, finding, numberOf, TYPES } from '../helpers';
import type { ComplianceRule } from '../types';

const ID = 'ALI-DB-BACKUP';
/** Fewest days of database backups kept. */
export const MIN_DB_BACKUP_DAYS = 7;
/** What RDS and PolarDB keep when a backup policy leaves retention unset (provider documentation). */
const DEFAULT_RETENTION_DAYS = 7;

/**
 * Compliant: every RDS instance has an `rds.BackupPolicy` and every PolarDB cluster a
 * `polardb.BackupPolicy`, each keeping backups at least 7 days. The policy must be declared, so the
 * retention is reviewed in code rather than left to the account default.
 */
export const aliDbBackup: ComplianceRule = {
  id: ID,
  description: 'RDS instances and PolarDB clusters have a declared backup policy keeping 7 days or more.',
  check(resource, { manifest }) {
    const [policyType, key, retentionOf] =
      resource.type === TYPES.rdsInstance
        ? [TYPES.rdsBackupPolicy, 'instanceId', (i: Record<string, unknown>) => i.backupRetentionPeriod ?? i.retentionPeriod]
        : resource.type === TYPES.polardbCluster
          ? [TYPES.polardbBackupPolicy, 'dbClusterId', (i: Record<string, unknown>) => i.backupRetentionPeriod]
          : [undefined, '', () => undefined];
    if (!policyType) return [];
    const policies = attachedTo(manifest, policyType, key, resource);
    if (policies.length === 0) return [finding(ID, 'error', resource, `no ${policyType.split(':').pop()} declared for it`)];
    const days = Math.max(...policies.map((p) => numberOf(retentionOf(p.inputs)) ?? DEFAULT_RETENTION_DAYS));
    return days >= MIN_DB_BACKUP_DAYS
      ? []
      : [finding(ID, 'error', resource, `backups are kept ${days} days, fewer than ${MIN_DB_BACKUP_DAYS}`)];
  },
};

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** AWS Backup's bounds on a vault lock's minimum retention, in days. */
const LOCK_MIN_RETENTION_DAYS = { min: 1, max: 36500 };

export interface EncryptedBackupVaultProps {
  /** Name of the vault; fixed so other regions can build its ARN without a cross-region reference. */
  readonly backupVaultName: string;
  /**
   * Lock the vault in governance mode so no recovery point can be stored with, or changed to, a
   * shorter retention than this many days. @default - no vault lock
   */
  readonly lockMinRetentionDays?: number;
}

/**
 * An AWS Backup vault encrypted with its own customer managed KMS key (yearly rotation), whose
 * recovery points cannot be deleted or shortened by anyone but their own lifecycle, optionally
 * under a governance-mode vault lock. Both the key and the vault outlive the stack.
 */
export class EncryptedBackupVault extends Construct {
  readonly vault: backup.BackupVault;
  readonly encryptionKey: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptedBackupVaultProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9\-_]{2,50}$/.test(props.backupVaultName)) {
      throw new Error(`EncryptedBackupVault ${id}: backupVaultName "${props.backupVaultName}" must be 2-50 letters, digits, dashes or underscores`);
    }
    const lockDays = props.lockMinRetentionDays;
    if (lockDays !== undefined && (!Number.isInteger(lockDays) || lockDays < LOCK_MIN_RETENTION_DAYS.min || lockDays > LOCK_MIN_RETENTION_DAYS.max)) {
      throw new Error(`EncryptedBackupVault ${id}: lockMinRetentionDays (${lockDays}) must be a whole number of days between ${LOCK_MIN_RETENTION_DAYS.min} and ${LOCK_MIN_RETENTION_DAYS.max}`);
    }

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: `Encrypts the recovery points in backup vault ${props.backupVaultName}`,
      alias: `alias/${props.backupVaultName}`,
      enableKeyRotation: true,
      // Losing the key loses every recovery point it protects.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.backupVaultName,
      encryptionKey: this.encryptionKey,
      // Recovery points expire through their lifecycle only; a compromised operator role cannot
      // delete them or shorten their retention.
      blockRecoveryPointDeletion: true,
      // Governance mode (no `changeableFor`): the minimum retention is enforced on every recovery
      // point, yet an administrator holding backup:DeleteBackupVaultLockConfiguration can still
      // correct a mistaken retention or retire the environment. Compliance mode would make the lock
      // immutable after its grace period, even for the account root, with no way back; choose it
      // deliberately, by adding `changeableFor`, once the retention is settled.
      lockConfiguration: lockDays === undefined ? undefined : { minRetention: Duration.days(lockDays) },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

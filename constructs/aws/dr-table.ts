import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface RecoverableTableProps {
  /** Name of the table, the same in every region it is replicated to. */
  readonly tableName: string;
  /** Regions that hold a replica (a global table), besides the stack's own. @default - none */
  readonly replicaRegions?: readonly string[];
  /** Days of point-in-time recovery kept, 1 to 35. @default 35 */
  readonly pointInTimeRecoveryDays?: number;
}

/**
 * The application's DynamoDB table (`pk`/`sk` string keys, on-demand), built to be recovered:
 * point-in-time recovery, deletion protection and retention on every replica, encrypted with the
 * AWS managed key, which exists in every region without a cross-region key reference. With
 * replica regions it is a global table, replicated asynchronously within seconds.
 */
export class RecoverableTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: RecoverableTableProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(props.tableName)) {
      throw new Error(`RecoverableTable ${id}: tableName "${props.tableName}" must be 3-255 letters, digits, dots, dashes or underscores`);
    }
    const recoveryDays = props.pointInTimeRecoveryDays ?? 35;
    if (!Number.isInteger(recoveryDays) || recoveryDays < 1 || recoveryDays > 35) {
      throw new Error(`RecoverableTable ${id}: pointInTimeRecoveryDays (${recoveryDays}) must be a whole number between 1 and 35`);
    }
    const region = Stack.of(this).region;
    const replicaRegions = props.replicaRegions ?? [];
    if (replicaRegions.includes(region)) {
      throw new Error(`RecoverableTable ${id}: replicaRegions must not include the stack's own region (${region})`);
    }

    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: recoveryDays },
      deletionProtection: true,
      replicas: replicaRegions.map((replicaRegion) => ({ region: replicaRegion })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

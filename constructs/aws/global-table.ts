import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** DynamoDB's rule for table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

export interface GlobalTableProps {
  /** Table name, the same in every region: other regions' stacks address their replica by it. */
  readonly tableName: string;
  /** Regions other than this stack's that hold a replica; one or more. */
  readonly replicaRegions: readonly string[];
  /** Name of the string partition key. @default pk */
  readonly partitionKeyName?: string;
  /** Name of the string sort key. @default sk */
  readonly sortKeyName?: string;
}

/**
 * A DynamoDB global table (`AWS::DynamoDB::GlobalTable`) created in this stack's region and
 * replicated to the others: on-demand billing, encrypted with the AWS managed key, point-in-time
 * recovery and deletion protection on every replica, kept when removed from the stack.
 */
export class GlobalTable extends Construct {
  /**
   * The replica of a global table named `tableName` in `scope`'s region, for a stack in another
   * region than the table's home: built from the known name, so no cross-region reference is needed.
   */
  static replicaInRegion(scope: Construct, id: string, tableName: string): dynamodb.ITableV2 {
    if (!TABLE_NAME.test(tableName)) {
      throw new Error(`GlobalTable.replicaInRegion ${id}: tableName "${tableName}" must be 3-255 characters of A-Z, a-z, 0-9, _ . -`);
    }
    const arn = Stack.of(scope).formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
    return dynamodb.TableV2.fromTableArn(scope, id, arn);
  }

  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: GlobalTableProps) {
    super(scope, id);
    const home = Stack.of(this).region;
    if (Token.isUnresolved(home)) {
      throw new Error(`GlobalTable ${id}: the stack needs an explicit region to place the table's home replica`);
    }
    if (!TABLE_NAME.test(props.tableName)) {
      throw new Error(`GlobalTable ${id}: tableName "${props.tableName}" must be 3-255 characters of A-Z, a-z, 0-9, _ . -`);
    }
    if (props.replicaRegions.length === 0) {
      throw new Error(`GlobalTable ${id}: replicaRegions must name at least one region besides ${home}`);
    }
    const seen = new Set<string>();
    for (const region of props.replicaRegions) {
      if (region === home) throw new Error(`GlobalTable ${id}: replicaRegions must not include the stack's own region (${home})`);
      if (seen.has(region)) throw new Error(`GlobalTable ${id}: replicaRegions lists ${region} twice`);
      seen.add(region);
    }

    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: props.partitionKeyName ?? 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: props.sortKeyName ?? 'sk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      // Table options apply to every replica, so each region can restore on its own.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: props.replicaRegions.map((region) => ({ region })),
    });
  }

  /** Lets `grantee` read and write items in this stack's region only. */
  grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.table.grantReadWriteData(grantee);
  }
}

import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TICKET_TABLE_SCHEMA } from '../../functions/store/dynamodb-schema';

/**
 * What the DynamoDB ticket store (functions/store/dynamodb.ts) asks DynamoDB to do, in IAM terms:
 * reads are GetItem and Query; every write is one TransactWriteItems, which IAM authorizes per item
 * by that item's action — the store's items are all Puts. Keep in step with the store; a test
 * compares this list with the commands the store's source sends.
 */
export const TICKET_STORE_ACTIONS: readonly string[] = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];

/** DynamoDB's rule for table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

export interface ServiceDeskTableProps {
  /** Table name. */
  readonly tableName: string;
}

/**
 * The ticket table, laid out by functions/store/dynamodb-schema.ts (keys, every index, the TTL
 * attribute of idempotency claims): on-demand billing, encrypted with the AWS managed key,
 * point-in-time recovery, deletion protection, kept when removed from the stack.
 */
export class ServiceDeskTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: ServiceDeskTableProps) {
    super(scope, id);
    if (!TABLE_NAME.test(props.tableName)) {
      throw new Error(`ServiceDeskTable ${id}: tableName "${props.tableName}" must be 3-255 characters of A-Z, a-z, 0-9, _ . -`);
    }
    const attribute = (key: { name: string; type: 'S' | 'N' }): dynamodb.Attribute => ({
      name: key.name,
      type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
    });
    const schema = TICKET_TABLE_SCHEMA;
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: attribute(schema.partitionKey),
      sortKey: attribute(schema.sortKey),
      globalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: schema.timeToLiveAttribute,
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Lets `grantee` run the ticket store: TICKET_STORE_ACTIONS on this table and its indexes, nothing else. */
  grantTicketStore(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...TICKET_STORE_ACTIONS],
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/*`],
    });
  }

  /** Requests DynamoDB throttled, summed over the operations the store sends, per 5 minutes. */
  metricThrottledRequests(): cloudwatch.IMetric {
    return this.table.metricThrottledRequestsForOperations({
      operations: [dynamodb.Operation.GET_ITEM, dynamodb.Operation.QUERY, dynamodb.Operation.TRANSACT_WRITE_ITEMS],
      label: 'Throttled requests',
    });
  }
}

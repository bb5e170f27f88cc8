import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTicketStore } from '../../functions/store/dynamodb';
import { type DynamoDbLocal, ensureTable, localDynamoClient, startDynamoDbLocal } from '../../functions/store/dynamodb-local';

/** One DynamoDB Local per test file, and a fresh table per store. */
export interface DynamoDbLocalFixture {
  /** The running emulator; only valid inside tests and hooks. */
  readonly local: () => DynamoDbLocal;
  readonly client: () => DynamoDBDocumentClient;
  /** Creates a table no other test has used and returns its name. */
  freshTable(): Promise<string>;
  /** A store on a fresh table. */
  freshStore(): Promise<DynamoDbTicketStore>;
}

/**
 * Starts DynamoDB Local (in memory) before the file's tests and stops it after them. Call at the
 * top level of a test file or of a describe block.
 */
export function useDynamoDbLocal(): DynamoDbLocalFixture {
  let running: DynamoDbLocal | undefined;
  let documentClient: DynamoDBDocumentClient | undefined;
  let tables = 0;

  beforeAll(async () => {
    running = await startDynamoDbLocal();
    documentClient = localDynamoClient(running.endpoint);
  });
  afterAll(async () => {
    documentClient?.destroy();
    await running?.stop();
  });

  const fixture: DynamoDbLocalFixture = {
    local: () => {
      if (!running) throw new Error('DynamoDB Local is not running: use the fixture inside tests or hooks');
      return running;
    },
    client: () => {
      if (!documentClient) throw new Error('DynamoDB Local is not running: use the fixture inside tests or hooks');
      return documentClient;
    },
    async freshTable() {
      const tableName = `tickets-${++tables}`;
      await ensureTable(fixture.client(), tableName);
      return tableName;
    },
    async freshStore() {
      return new DynamoDbTicketStore({ client: fixture.client(), tableName: await fixture.freshTable() });
    },
  };
  return fixture;
}

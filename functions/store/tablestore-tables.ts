import type TableStore from 'tablestore';
import { TABLESTORE_TABLES, type TablestoreTableNames, type TablestoreTableRole, tablestoreTableNames } from './tablestore-schema';

/**
 * Creates the ticket store's tables that do not exist yet, as tablestore-schema.ts lays them out
 * (for tests and local instances; deployed tables come from Pulumi). Local transactions cannot be
 * enabled from this SDK: see the schema's note on the tickets table.
 */
export async function createTablestoreTables(client: TableStore.Client, tablePrefix: string): Promise<TablestoreTableNames> {
  const names = tablestoreTableNames(tablePrefix);
  const { tableNames: existing } = await client.listTable({});
  for (const role of Object.keys(TABLESTORE_TABLES) as TablestoreTableRole[]) {
    if (existing.includes(names[role])) continue;
    const table = TABLESTORE_TABLES[role];
    await client.createTable({
      tableMeta: { tableName: names[role], primaryKey: table.primaryKey.map((column) => ({ name: column.name, type: column.type })) },
      reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
      tableOptions: { timeToLive: table.timeToLiveSeconds, maxVersions: table.maxVersions },
    });
  }
  return names;
}

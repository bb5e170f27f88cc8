import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '../ticketing/model';
import { checkPageRequest, decodeCursor, encodeCursor, filterScope } from './cursor';
import { ALL_TICKETS_VALUE, type Item, listPartition, ticketFromItem } from './dynamodb-items';
import { LIST_INDEX_PREFERENCE, LIST_INDEXES, type ListIndexSchema } from './dynamodb-schema';
import { InvalidCursorError, type Page, type PageRequest, type TicketFilter } from './port';

/** `list` on DynamoDB: picks an index for the filter, reads every shard, merges newest first. */

type EqualityFilter = (typeof LIST_INDEX_PREFERENCE)[number];

/** Items a filtered query evaluates per request: fewer round trips when the filter drops most. */
const FILTERED_QUERY_LIMIT = 100;

/** Query parts shared by every shard: the filter expression and its names and values. */
interface ShardQuery {
  readonly index: ListIndexSchema;
  readonly partitionValue: string | number;
  readonly filterExpression?: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}



function breachedCondition(breached: boolean, now: string, names: Record<string, string>, values: Record<string, unknown>): string {
  const at = Date.parse(now);
  if (Number.isNaN(at)) throw new RangeError(`now must be an ISO 8601 time to filter on breached, got "${now}"`);
  Object.assign(names, { '#sla': 'sla', '#breached': 'breached', '#responseDue': 'responseDueAt', '#resolutionDue': 'resolutionDueAt' });
  // Due times are stored as toISOString() output: string order is time order.
  values[':now'] = new Date(at).toISOString();
  values[':breached'] = true;
  if (breached) {
    return '(#sla.#breached = :breached OR #sla.#responseDue < :now OR #sla.#resolutionDue < :now)';
  }
  return (
    '(#sla.#breached <> :breached' +
    ' AND (attribute_not_exists(#sla.#responseDue) OR #sla.#responseDue >= :now)' +
    ' AND (attribute_not_exists(#sla.#resolutionDue) OR #sla.#resolutionDue >= :now))'
  );
}

/** The most selective index for the filter, and the other filters as a FilterExpression. */
function planQuery(filter: TicketFilter): ShardQuery {
  const chosen = LIST_INDEX_PREFERENCE.find((name) => filter[name] !== undefined);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  for (const name of LIST_INDEX_PREFERENCE) {
    const value = filter[name as EqualityFilter];
    if (value === undefined || name === chosen) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    conditions.push(`#${name} = :${name}`);
  }
  if (filter.breached !== undefined) conditions.push(breachedCondition(filter.breached, filter.now, names, values));
  return {
    index: chosen ? LIST_INDEXES[chosen] : LIST_INDEXES.all,
    partitionValue: chosen ? (filter[chosen] as string | number) : ALL_TICKETS_VALUE,
    filterExpression: conditions.length > 0 ? conditions.join(' AND ') : undefined,
    names,
    values,
  };
}

/** Up to `wanted` matching tickets of one shard, newest first, all older than `beforeId`. */
async function readShard(
  client: DynamoDBDocumentClient,
  tableName: string,
  plan: ShardQuery,
  shard: number,
  wanted: number,
  beforeId: string | undefined,
): Promise<Item[]> {
  const { index } = plan;
  const names: Record<string, string> = { ...plan.names, '#lpk': index.partitionKey.name };
  const values: Record<string, unknown> = { ...plan.values, ':lpk': listPartition(plan.partitionValue, shard) };
  let keyCondition = '#lpk = :lpk';
  if (beforeId !== undefined) {
    keyCondition += ' AND #lsk < :before';
    names['#lsk'] = index.sortKey.name;
    values[':before'] = beforeId;
  }
  const input: QueryCommandInput = {
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    FilterExpression: plan.filterExpression,
    ScanIndexForward: false,
    Limit: plan.filterExpression ? Math.max(wanted, FILTERED_QUERY_LIMIT) : wanted,
  };
  const found: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    found.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey && found.length < wanted);
  return found.slice(0, wanted);
}

/**
 * One page of tickets, newest first. Each shard yields up to limit + 1 matches older than the
 * cursor; the newest limit of their union are exactly the page, and one more means another page
 * exists. The cursor is the last returned id, so the next page starts strictly after it: no item
 * is skipped or repeated, and no empty last page is returned.
 */
export async function listTickets(
  client: DynamoDBDocumentClient,
  tableName: string,
  filter: TicketFilter,
  page: PageRequest,
): Promise<Page<Ticket>> {
  checkPageRequest(page);
  const scope = filterScope(filter);
  const beforeId = page.cursor === undefined ? undefined : decodeCursor(page.cursor, scope).id;
  if (beforeId !== undefined && typeof beforeId !== 'string') throw new InvalidCursorError();
  const plan = planQuery(filter);
  const shards = Array.from({ length: plan.index.shards }, (_, shard) => shard);
  const perShard = await Promise.all(shards.map((shard) => readShard(client, tableName, plan, shard, page.limit + 1, beforeId)));
  const merged = perShard.flat().sort((a, b) => (String(a.id) < String(b.id) ? 1 : -1));
  const items = merged.slice(0, page.limit).map(ticketFromItem);
  const nextCursor = merged.length > page.limit ? encodeCursor(scope, { id: items[items.length - 1].id }) : undefined;
  return nextCursor ? { items, nextCursor } : { items };
}

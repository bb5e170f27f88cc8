/**
 * The Tablestore (OTS) layout of the ticket store, as plain data: the store, the test setup and the
 * Pulumi `alicloud.ots.Table` resources all read it, so they cannot drift.
 *
 * Three tables, named `<prefix>_<suffix>`:
 *
 * - `tickets` — (ticket_id STRING, seq INTEGER). seq 0 is the ticket row; seq n ≥ 1 is the audit
 *   event whose `seq` is n. A ticket and its trail share the partition key (the first primary key
 *   column), so one local transaction (StartLocalTransaction on the ticket id) writes the ticket
 *   and its events atomically. The ticket row carries `version` (INTEGER), the column the
 *   optimistic-lock condition compares (`version == expected`, row EXPECT_EXIST); creates use
 *   EXPECT_NOT_EXIST. Reading a trail is one forward range over the partition.
 *   Local transactions must be enabled on this table; neither `alicloud.ots.Table` nor the
 *   Node.js SDK can switch them on (the Java SDK ≥ 5.11 can at creation, otherwise a ticket).
 *
 * - `ticket_list` — (ticket_id STRING). One row per ticket with the columns `list` filters on and
 *   the times `ticketsTouchedBetween` selects by. A backward range over it is every ticket, newest
 *   first (ids are ULIDs). It lives in its own table because a local transaction cannot span
 *   partitions, so it is not written in the ticket's transaction:
 *   * a create writes its list row before the ticket transaction, so every ticket that exists has
 *     a list row; a row whose ticket never got written is skipped when read;
 *   * an update rewrites the row after its transaction commits, guarded by `version` (older never
 *     overwrites newer). A writer that dies in between leaves the row one write behind until the
 *     ticket's next write, or until a list reads it (reads re-check every row against the ticket
 *     row and repair what lags).
 *   What a reader can observe: a listed ticket always matches the filter as the ticket row stands
 *   (the row is re-checked), and an unfiltered list never misses a ticket; a filtered list can miss
 *   a ticket whose list row lags behind the write that made it match. A global secondary index
 *   would be maintained by the service, but it is asynchronous too, and its interplay with local
 *   transactions is undocumented.
 *   The partition key is time-ordered, so new rows land in the last partition: fine for a service
 *   desk's write rate, far under one partition's throughput.
 *
 * - `idempotency` — (principal STRING, idempotency_key STRING), TTL 24 h. A claim row holds the
 *   request hash and the first create's ticket and event, written with EXPECT_NOT_EXIST before the
 *   ticket transaction. A retry with the same hash whose ticket is missing (the first attempt
 *   died between the two writes) completes that create from the claim. TTL is per table in
 *   Tablestore, hence a table of its own.
 *
 * Every table keeps one version per cell (max versions 1). No table has a secondary index.
 */

/** Tablestore primary key column types this layout uses. */
export type TablestoreKeyType = 'STRING' | 'INTEGER';

/** One primary key column, in key order. */
export interface TablestoreKeyColumn {
  readonly name: string;
  readonly type: TablestoreKeyType;
}

/** One table of the layout. */
export interface TablestoreTableSchema {
  /** Appended to the prefix with an underscore: `<prefix>_<suffix>`. */
  readonly suffix: string;
  /** Primary key columns in order; the first is the partition key. */
  readonly primaryKey: readonly TablestoreKeyColumn[];
  /** Seconds a cell lives after its write; -1 = forever. */
  readonly timeToLiveSeconds: number;
  /** Versions kept per cell. */
  readonly maxVersions: number;
  /** Whether the store runs local transactions on the table (they must be enabled on it). */
  readonly localTransactions: boolean;
}

/** How long an idempotency claim holds its key. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Sequence number of the ticket row in the tickets table; events use their own seq (≥ 1). */
export const TICKET_ROW_SEQ = 0;

/** The three tables, keyed by role. */
export const TABLESTORE_TABLES = {
  tickets: {
    suffix: 'tickets',
    primaryKey: [
      { name: 'ticket_id', type: 'STRING' },
      { name: 'seq', type: 'INTEGER' },
    ],
    timeToLiveSeconds: -1,
    maxVersions: 1,
    localTransactions: true,
  },
  ticketList: {
    suffix: 'ticket_list',
    primaryKey: [{ name: 'ticket_id', type: 'STRING' }],
    timeToLiveSeconds: -1,
    maxVersions: 1,
    localTransactions: false,
  },
  idempotency: {
    suffix: 'idempotency',
    primaryKey: [
      { name: 'principal', type: 'STRING' },
      { name: 'idempotency_key', type: 'STRING' },
    ],
    timeToLiveSeconds: IDEMPOTENCY_TTL_SECONDS,
    maxVersions: 1,
    localTransactions: false,
  },
} as const satisfies Record<string, TablestoreTableSchema>;

export type TablestoreTableRole = keyof typeof TABLESTORE_TABLES;

/** Table names of one deployment. */
export type TablestoreTableNames = Record<TablestoreTableRole, string>;

/** Tablestore table names: a letter or underscore, then letters, digits, underscores; 1-255 long. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** The table names for `prefix`; throws naming the rule when a name would be invalid. */
export function tablestoreTableNames(prefix: string): TablestoreTableNames {
  const names = {} as Record<TablestoreTableRole, string>;
  for (const [role, table] of Object.entries(TABLESTORE_TABLES) as [TablestoreTableRole, TablestoreTableSchema][]) {
    const name = `${prefix}_${table.suffix}`;
    if (!TABLE_NAME.test(name)) {
      throw new RangeError(
        `tablePrefix "${prefix}" gives table name "${name}": Tablestore table names start with a letter or underscore, ` +
          'hold only letters, digits and underscores, and are at most 255 characters',
      );
    }
    names[role] = name;
  }
  return names;
}

/**
 * The whole local service: DynamoDB Local (started and stopped here), the table, the token
 * issuer's key and the HTTP server. `npm start` runs it; tests and the benchmark start it too.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DynamoDbTicketStore } from '../../store/dynamodb';
import { ensureTable, localDynamoClient, startDynamoDbLocal } from '../../store/dynamodb-local';
import { createCostApp } from '../../cost/http/app';
import type { CostSource } from '../../cost/sources/source';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../ticketing';
import { createTicketingApp } from '../../ticketing/http/app';
import type { HttpApp } from '../../ticketing/http/serve';
import type { AppLogger } from '../../ticketing/http/types';
import { createTokenVerifier } from '../jwt';
import { newUlid } from '../ulid';
import { unconfiguredSource } from './cost-source';
import { createLocalServer } from './server';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateSigningKey, type LocalSigningKey } from './signing-key';

export interface LocalServiceOptions {
  /** Where DynamoDB Local's data and the signing key live. */
  readonly dataDir: string;
  /** Keep the tables in memory instead of under dataDir (tests, benchmarks). @default false */
  readonly inMemory?: boolean;
  /** 0 picks a free port. @default 8787 */
  readonly port?: number;
  readonly host?: string;
  readonly tableName?: string;
  readonly policy?: SlaPolicy;
  readonly log?: AppLogger;
  /** The clock the app reads. @default the system clock */
  readonly clock?: () => Date;
  /** Where `GET /cost/reports` reads costs. @default none: the route answers 503 naming COST_FOCUS_FILES */
  readonly costSource?: CostSource;
}

export interface LocalService {
  readonly url: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly signingKey: LocalSigningKey;
  stop(): Promise<void>;
}

const quietLog: AppLogger = { info: () => undefined, error: () => undefined };

export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const signingKey = loadOrCreateSigningKey(options.dataDir);
  const dynamoDir = options.inMemory ? undefined : path.join(options.dataDir, 'dynamodb');
  if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
  const dynamo = await startDynamoDbLocal({ dataDir: dynamoDir });
  try {
    const client = localDynamoClient(dynamo.endpoint);
    const tableName = options.tableName ?? 'twinstack-tickets';
    await ensureTable(client, tableName);
    const log = options.log ?? quietLog;
    const clock = options.clock ?? (() => new Date());
    const ticketing = createTicketingApp({
      store: new DynamoDbTicketStore({ client, tableName }),
      policy: options.policy ?? DEFAULT_SLA_POLICY,
      clock,
      newId: () => newUlid(),
      log,
    });
    const cost = createCostApp({ source: options.costSource ?? unconfiguredSource(), clock, log });
    // One server, two apps, as the deployments route them: /cost/* to cost reporting, the rest to ticketing.
    const app: HttpApp = (request) => (request.path.startsWith('/cost/') ? cost(request) : ticketing(request));
    const verify = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, key: signingKey.publicKey });
    const server = createLocalServer(app, verify, log);
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8787, host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      dynamoEndpoint: dynamo.endpoint,
      tableName,
      signingKey,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/**
 * Alibaba Cloud Function Compute 3.0 entry behind an HTTP trigger (built-in Node runtime). FC
 * passes the request as a JSON event; the token is verified here against the identity provider's
 * JWKS (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL), as API Gateway does on AWS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import TableStore from 'tablestore';
import { TablestoreTicketStore } from '../store/tablestore';
import { createTicketingApp } from '../ticketing/http/app';
import type { HttpApp } from '../ticketing/http/serve';
import { requiredEnv, slaPolicyFromEnv } from './config';
import { fcHttpHandler, perCredentials } from './fc-http';
import { powertoolsLog } from './log';
import { newUlid } from './ulid';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketing' });

/** The app for this invocation's credentials: the Tablestore client is built on the role's STS credentials. */
const appFor = perCredentials((context): HttpApp => {
  const client = new TableStore.Client({
    accessKeyId: context.credentials.accessKeyId,
    secretAccessKey: context.credentials.accessKeySecret,
    stsToken: context.credentials.securityToken,
    endpoint: requiredEnv('OTS_ENDPOINT'),
    instancename: requiredEnv('OTS_INSTANCE_NAME'),
  });
  return createTicketingApp({
    store: new TablestoreTicketStore({ client, tablePrefix: requiredEnv('TABLE_NAME') }),
    policy: slaPolicyFromEnv(),
    clock: () => new Date(),
    newId: () => newUlid(),
    log: powertoolsLog(logger),
  });
});

export const handler = fcHttpHandler(appFor, powertoolsLog(logger));

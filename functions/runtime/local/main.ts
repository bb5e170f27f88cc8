/**
 * `npm start`: the ticketing API on http://127.0.0.1:${PORT:-8787}, on DynamoDB Local with its data
 * under .data/, and `GET /cost/reports` over the FOCUS files named by COST_FOCUS_FILES. Get a token
 * with `npm run -s token -- --role agent`.
 */
import * as path from 'node:path';
import { JavaRuntimeMissingError } from '../../store/dynamodb-local';
import { slaPolicyFromEnv } from '../config';
import { COST_FOCUS_FILES, costSourceFromEnv } from './cost-source';
import { startLocalService } from './service';

const ROOT = path.join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  // The SDK warns that its 2027 releases will need Node 22; the lockfile pins this one.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: must be a port number (got ${process.env.PORT})`);
  const log = {
    info: (message: string, attributes?: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ level: 'INFO', message, ...attributes })}\n`),
    error: (message: string, attributes?: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ level: 'ERROR', message, ...attributes })}\n`),
  };
  const costSource = costSourceFromEnv();
  const service = await startLocalService({ dataDir: path.join(ROOT, '.data'), port, policy: slaPolicyFromEnv(), log, costSource });
  const costData = process.env[COST_FOCUS_FILES] ? `FOCUS files from ${COST_FOCUS_FILES}` : `no cost data: set ${COST_FOCUS_FILES} to FOCUS files or a directory`;
  process.stdout.write(
    `Ticketing API on ${service.url} (DynamoDB Local at ${service.dynamoEndpoint}, data in .data/)\n` +
      `Cost reports at ${service.url}/cost/reports (${costData})\n` +
      `Get a token: npm run -s token -- --role agent\n`,
  );
  const shutdown = () => {
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  const message = error instanceof JavaRuntimeMissingError ? error.message : `npm start failed: ${error.message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

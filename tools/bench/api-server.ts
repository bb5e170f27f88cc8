/**
 * The local ticketing service for the API benchmark, in its own process as `npm start` runs it
 * (DynamoDB Local in memory). Prints one JSON line with its addresses, then serves until killed.
 */
import { startLocalService } from '../../functions/runtime/local/service';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: api-server <data dir>');
startLocalService({ dataDir, inMemory: true, port: 0 }).then((service) => {
  process.stdout.write(`${JSON.stringify({ url: service.url, dynamoEndpoint: service.dynamoEndpoint, tableName: service.tableName })}\n`);
  process.once('SIGTERM', () => void service.stop().then(() => process.exit(0)));
});

/**
 * Ticketing API throughput: create + read through the local HTTP server, beside the same DynamoDB
 * operations (the create transaction, the read) sent straight through the SDK to the same DynamoDB
 * Local, at concurrency 1 and 16, in one run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../functions/store/dynamodb-local';
import { eventItem, ticketItem, ticketKey } from '../../functions/store/dynamodb-items';
import { loadOrCreateSigningKey, signLocalToken } from '../../functions/runtime/local/signing-key';
import { newUlid } from '../../functions/runtime/ulid';
import { createTicket, DEFAULT_SLA_POLICY } from '../../functions/ticketing';
import { median, ms, percentile } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const BODY = { type: 'incident', title: 'Disk full on db-01', description: '/var at 100 %.', category: 'storage', impact: 2, urgency: 2 } as const;

interface Run {
  readonly pairsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `operation` `total` times with `concurrency` in flight; latency per operation. */
async function drive(total: number, concurrency: number, operation: () => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t0 = performance.now();
        await operation();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { pairsPerSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function startServer(dataDir: string) {
  const child = spawn(TSX, [path.join(__dirname, 'api-server.ts'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`api-server exited (${code})`)));
  });
  return { ...(JSON.parse(line) as { url: string; dynamoEndpoint: string; tableName: string }), child };
}

export async function benchApi(pairs: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'twinstack-bench-api-'));
  const server = await startServer(dataDir);
  try {
    const token = await signLocalToken(loadOrCreateSigningKey(dataDir), { sub: 'bench', roles: ['agent'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const viaApi = async () => {
      const created = await fetch(`${server.url}/tickets`, { method: 'POST', headers, body: JSON.stringify(BODY) });
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const read = await fetch(`${server.url}/tickets/${id}`, { headers });
      if (read.status !== 200) throw new Error(`read answered ${read.status}`);
      await read.arrayBuffer();
    };
    const client = localDynamoClient(server.dynamoEndpoint);
    const direct = async () => {
      const { ticket, event } = createTicket(BODY, { sub: 'bench', roles: ['agent'] }, new Date().toISOString(), newUlid(), DEFAULT_SLA_POLICY);
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: server.tableName, Item: ticketItem(ticket), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: server.tableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      await client.send(new GetCommand({ TableName: server.tableName, Key: ticketKey(ticket.id), ConsistentRead: true }));
    };
    // Warm both paths (V8 and DynamoDB Local's JVM both compile hot code late) before measuring.
    await drive(300, 4, viaApi);
    await drive(300, 4, direct);

    const rows: string[] = [];
    for (const concurrency of [1, 16]) {
      // Alternate the two paths three times and keep the median of each, so drift hits both alike.
      const api: Run[] = [];
      const sdk: Run[] = [];
      for (let round = 0; round < 3; round++) {
        api.push(await drive(pairs, concurrency, viaApi));
        sdk.push(await drive(pairs, concurrency, direct));
      }
      const apiRate = median(api.map((r) => r.pairsPerSecond));
      const sdkRate = median(sdk.map((r) => r.pairsPerSecond));
      rows.push(
        `| ${concurrency} | ${apiRate.toFixed(0)} | ${ms(median(api.map((r) => r.p50)))} / ${ms(median(api.map((r) => r.p99)))} | ${sdkRate.toFixed(0)} | ${ms(median(sdk.map((r) => r.p50)))} / ${ms(median(sdk.map((r) => r.p99)))} | ${((apiRate / sdkRate) * 100).toFixed(0)} % |`,
      );
    }
    return [
      `${pairs} create + read pairs per round, 3 alternating rounds per path, median round shown. The API server runs in`,
      'its own process (as `npm start` does); both paths use the same DynamoDB Local (in memory).',
      '',
      '| concurrency | API pairs/s | API p50 / p99 per pair | SDK pairs/s | SDK p50 / p99 per pair | API / SDK (target ≥ 60 %) |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput, TICKET_TABLE_SCHEMA } from './dynamodb-schema';

/**
 * AWS DynamoDB Local (the jar shipped in the `amplify-dynamodb-simulator` package) for `npm start`
 * and the store tests: no account and no Docker, only a Java runtime.
 */

/** Options of startDynamoDbLocal. */
export interface DynamoDbLocalOptions {
  /** Port to listen on. @default 0 (a free port) */
  readonly port?: number;
  /** Directory for the database files. @default undefined (in memory, lost on stop) */
  readonly dataDir?: string;
  /** One database for every credential and region, as a single deployed table behaves. @default true */
  readonly sharedDb?: boolean;
  /** Java executable, looked up on the environment's PATH when not a path. @default 'java' */
  readonly javaPath?: string;
  /** Environment of the Java process (and of the `java` look-up). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Options for the JVM. The default keeps the JIT at its first tier: measured here, DynamoDB Local
   * starts in ~2.0 s instead of ~2.5 s, and over a few thousand requests serves more (~300 instead
   * of ~190 creates/s) since no time goes to the optimizing compiler. Pass [] for hour-long runs.
   * @default ['-XX:TieredStopAtLevel=1']
   */
  readonly jvmOptions?: readonly string[];
  /** How long to wait for the first answered request. @default 30000 */
  readonly startTimeoutMs?: number;
}

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the Java process and resolves once it has exited. */
  stop(): Promise<void>;
}

/** No Java runtime, or one older than DynamoDB Local needs. */
export class JavaRuntimeMissingError extends Error {
  constructor(found?: string) {
    super(
      `DynamoDB Local needs a Java runtime 11 or newer${found ? ` (found ${found})` : ''}: install one ` +
        '(Debian/Ubuntu: sudo apt install openjdk-17-jre-headless; macOS: brew install openjdk@17) and make sure `java` is on PATH.',
    );
    this.name = 'JavaRuntimeMissingError';
  }
}

const MINIMUM_JAVA_MAJOR = 11;
/** Lines of Java's output kept for a start error. */
const OUTPUT_TAIL_LINES = 20;
const POLL_INTERVAL_MS = 150;
const STOP_GRACE_MS = 5000;
const DUMMY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/** Major version from `java -version` output: `"17.0.15"` → 17, `"1.8.0_402"` → 8. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

async function checkJava(javaPath: string, env: NodeJS.ProcessEnv): Promise<void> {
  const output = await new Promise<string | undefined>((resolve) => {
    execFile(javaPath, ['-version'], { env, timeout: 15_000 }, (error, stdout, stderr) => resolve(error ? undefined : `${stderr}${stdout}`));
  });
  if (output === undefined) throw new JavaRuntimeMissingError();
  const major = javaMajorVersion(output);
  if (major === undefined || major < MINIMUM_JAVA_MAJOR) throw new JavaRuntimeMissingError(output.split('\n')[0].trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Keeps the last lines a stream printed. */
function tailOf(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before answering. Its last output:\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms. Its last output:\n${output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const env = options.env ?? process.env;
  const javaPath = options.javaPath ?? 'java';
  await checkJava(javaPath, env);
  const port = options.port || (await freePort());
  const dir = emulatorDir();
  const args = [
    ...(options.jvmOptions ?? ['-XX:TieredStopAtLevel=1']),
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    ...['-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(port)],
  ];
  args.push(...(options.dataDir === undefined ? ['-inMemory'] : ['-dbPath', options.dataDir]));
  if (options.sharedDb ?? true) args.push('-sharedDb');
  // Since 1.24 it reports usage to AWS unless told not to: a local run must not reach the internet.
  args.push('-disableTelemetry');

  // It writes dynamodb-local-metadata.json into its working directory.
  const child = spawn(javaPath, args, { env, cwd: options.dataDir ?? dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tailOf(child);
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  // A test run or server that ends without stop() must not leave Java behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    const done = exited(child);
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await done;
    clearTimeout(forced);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 30_000, output), spawnFailed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}

/** Document client for DynamoDB Local: dummy credentials, region `local`, undefined values dropped. */
export function localDynamoClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: DUMMY_CREDENTIALS });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Creates the ticket table if it is missing, waits until it is ACTIVE, and turns TTL on. */
export async function ensureTable(documentClient: DynamoDBDocumentClient, tableName: string): Promise<void> {
  // The document client shares its DynamoDBClient's middleware stack and config: it sends the
  // base client's control-plane commands unchanged.
  const client = documentClient as unknown as DynamoDBClient;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (createError) {
      // Another process created it in between.
      if ((createError as Error).name !== 'ResourceInUseException') throw createError;
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== 'ENABLED' && status !== 'ENABLING') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TICKET_TABLE_SCHEMA.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

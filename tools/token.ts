/**
 * `npm run -s token -- --role <requester|agent|approver|auditor>[,<role>…] [--sub <user>] [--ttl <seconds>]`:
 * prints a bearer token for the local server, signed with the key under .data/ (made if absent).
 */
import * as path from 'node:path';
import { loadOrCreateSigningKey, signLocalToken } from '../functions/runtime/local/signing-key';
import { ROLES, type Role } from '../functions/ticketing/model';
import { parseArgs, UsageError } from './cli-args';

const USAGE = 'usage: npm run -s token -- --role <requester|agent|approver|auditor>[,<role>...] [--sub <user>] [--ttl <seconds>]';

async function main(): Promise<void> {
  const { options, positional } = parseArgs(process.argv.slice(2), { values: ['role', 'sub', 'ttl', 'data'] });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  if (typeof options.role !== 'string') throw new UsageError('--role is required');
  const roles = options.role.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new UsageError(`--role: unknown role ${unknown.join(', ')} (one of ${ROLES.join(', ')})`);
  const sub = typeof options.sub === 'string' ? options.sub : `local-${roles[0]}`;
  if (!/^[\w.@:+-]{1,128}$/.test(sub)) throw new UsageError('--sub: must be 1-128 characters of letters, digits and . @ : + - _');
  const ttl = options.ttl === undefined ? 3600 : Number(options.ttl);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 7 * 86400) throw new UsageError('--ttl: must be whole seconds between 60 and 604800');
  const dataDir = typeof options.data === 'string' ? path.resolve(options.data) : path.join(__dirname, '..', '.data');
  const key = loadOrCreateSigningKey(dataDir);
  process.stdout.write(`${await signLocalToken(key, { sub, roles: roles as Role[], ttlSeconds: ttl })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n${USAGE}\n` : `${error.message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});

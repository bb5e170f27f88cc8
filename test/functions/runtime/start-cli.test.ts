/** `npm start` and `npm run token` as a new user meets them. */
import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..', '..');
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX_CLI, path.join(ROOT, script), ...args], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm start', () => {
  it('says in one line that Java is needed, and how to install it, when no java is on PATH', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'twinstack-nojava-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const result = await tsx('functions/runtime/local/main.ts', [], { ...process.env, PATH: bin, PORT: '0' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java runtime 11 or newer/);
    expect(lines[0]).toMatch(/apt install openjdk-17-jre-headless/);
  });
});

describe('npm run token', () => {
  it('prints one JWT for a role', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'twinstack-token-'));
    const result = await tsx('tools/token.ts', ['--role', 'approver', '--sub', 'april', '--data', data], process.env);
    expect(result.code).toBe(0);
    const [header, payload] = result.stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ sub: 'april', 'cognito:groups': ['approver'] });
  });

  it('refuses an unknown role with the list of roles and exit code 2', async () => {
    const result = await tsx('tools/token.ts', ['--role', 'admin'], process.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown role admin \(one of requester, agent, approver, auditor\)/);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SPEC_PATH } from '../../stacks/spec';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function synth(args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'tools', 'synth-all.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'false' },
  });
}

describe('npm run synth on the default spec', () => {
  it('writes byte-identical templates on two runs, and a summary row per stack', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'synth-twice-'));
    const first = synth(['--outdir', path.join(dir, 'a'), '--dist', path.join(dir, 'dist-a')]);
    const second = synth(['--outdir', path.join(dir, 'b'), '--dist', path.join(dir, 'dist-b')]);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    const templates = readdirSync(path.join(dir, 'a')).filter((f) => f.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThanOrEqual(7);
    for (const file of templates) {
      expect(readFileSync(path.join(dir, 'b', file))).toEqual(readFileSync(path.join(dir, 'a', file)));
      expect(first.stdout).toContain(file.replace('.template.json', ''));
    }
    expect(first.stdout).toMatch(/stack\s+region\s+resources\s+nag errors\s+nag warnings\s+acknowledged/);
    const manifests = readdirSync(path.join(dir, 'dist-a', 'alicloud'));
    expect(manifests.sort()).toEqual(['disaster-recovery.json', 'dual-active.json', 'high-performance-web.json', 'hybrid-vpn.json', 'service-desk.json']);
    for (const file of [...manifests.map((m) => path.join('alicloud', m)), 'parity.md']) {
      expect(readFileSync(path.join(dir, 'dist-b', file))).toEqual(readFileSync(path.join(dir, 'dist-a', file)));
    }
  });
});

describe('npm run synth with an invalid spec', () => {
  it('exits 1, prints one line per problem and writes no template', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'synth-cli-'));
    const specPath = path.join(dir, 'bad.yaml');
    const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8')
      .replace('cloudBgpAsn: 64512', 'cloudBgpAsn: 7224')
      .replace('rtoMinutes: 60', 'rtoMinutes: 5')
      .replace('primaryCidr: 10.10.0.0/16', 'primaryCidr: 10.10.0.0/33')
      .replace('recovery: { region: eu-west-2', 'recovery: { region: eu-west-1');
    writeFileSync(specPath, text);
    const outdir = path.join(dir, 'out');
    const dist = path.join(dir, 'dist');

    const result = synth(['--spec', specPath, '--outdir', outdir, '--dist', dist]);

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`${specPath}: invalid spec`);
    // Shape errors are reported first; cross-field rules run once the shape is right.
    expect(lines.slice(1)).toEqual(['architectures.dual-active.network.primaryCidr: "10.10.0.0/33" has a prefix length above 32']);
    expect(existsSync(outdir)).toBe(false);

    writeFileSync(specPath, text.replace('10.10.0.0/33', '10.10.0.0/16'));
    const second = synth(['--spec', specPath, '--outdir', outdir, '--dist', dist]);
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n').slice(1).sort()).toEqual([
      expect.stringMatching(/^architectures\.disaster-recovery\.aws\.recovery\.region: must differ from the primary region \(eu-west-1\)/),
      expect.stringMatching(/^architectures\.disaster-recovery\.aws\.recovery\.zones\.0: "eu-west-2a" is not a zone of AWS region eu-west-1/),
      expect.stringMatching(/^architectures\.disaster-recovery\.aws\.recovery\.zones\.1: /),
      expect.stringMatching(/^architectures\.disaster-recovery\.rtoMinutes: pilot-light cannot meet an RTO of 5 min/),
      'architectures.hybrid-vpn.cloudBgpAsn: 7224 is not a private BGP ASN (use 64512-65534 or 4200000000-4294967294)',
    ]);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(dist)).toBe(false);
  });

  it('rejects an unknown option with a usage line', () => {
    const result = synth(['--specs', 'x.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option --specs');
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { runReport } from '../../../../tools/audit/report/run-report';

const REASON = 'This bucket receives the access logs of the others; logging it to itself would loop.';
const ALI_REASON = 'Accepted for the test: the reason a reviewer reads.';

/** A one-stack assembly with one unacknowledged cdk-nag error and one acknowledged finding, and one Alibaba manifest. */
function fixture(): { cwd: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'audit-report-'));
  const app = new App({ outdir: path.join(cwd, 'cdk.out') });
  const stack = new Stack(app, 'Reported');
  new s3.Bucket(stack, 'Open', { enforceSSL: true });
  const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
  Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: REASON } as never);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).toThrow();
  const manifest = {
    architecture: 'hybrid-vpn',
    component: 'c',
    outputs: {},
    resources: [
      { name: 'files', type: 'alicloud:oss/bucket:Bucket', region: 'cn-hangzhou', inputs: { bucket: 'files' } },
      { name: 'files-block', type: 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', region: 'cn-hangzhou', inputs: { bucket: 'files', blockPublicAccess: true } },
      { name: 'public', type: 'alicloud:oss/bucket:Bucket', region: 'cn-hangzhou', inputs: { bucket: 'public', serverSideEncryptionRule: { sseAlgorithm: 'AES256' } } },
      { name: 'public-block', type: 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', region: 'cn-hangzhou', inputs: { bucket: 'public', blockPublicAccess: true } },
      {
        name: 'public-acl',
        type: 'alicloud:oss/bucketAcl:BucketAcl',
        region: 'cn-hangzhou',
        inputs: { bucket: 'public', acl: 'public-read' },
        acknowledgements: [{ ruleId: 'ALI-OSS-PUBLIC', reason: ALI_REASON }],
      },
    ],
  };
  mkdirSync(path.join(cwd, 'dist', 'alicloud'), { recursive: true });
  writeFileSync(path.join(cwd, 'dist', 'alicloud', 'hybrid-vpn.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { cwd };
}

describe('npm run audit -- report', () => {
  const { cwd } = fixture();
  let written: Awaited<ReturnType<typeof runReport>>;
  beforeAll(async () => {
    written = await runReport({ cwd });
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('lists every finding and every acknowledgement with its reason, per stack and manifest', () => {
    const [stack, manifest] = written.report.scopes;
    expect(stack).toMatchObject({ cloud: 'aws', name: 'Reported', file: 'cdk.out/Reported.template.json' });
    expect(stack.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tool: 'cdk-nag', rule: 'AwsSolutions-S1', level: 'error', resource: expect.stringMatching(/^Open[0-9A-F]{8}$/), constructPath: 'Reported/Open/Resource' }),
        expect.objectContaining({ tool: 'cdk-nag', rule: 'AwsSolutions-S1', resource: expect.stringMatching(/^Logs[0-9A-F]{8}$/), acknowledged: { reason: REASON } }),
      ]),
    );
    expect(manifest).toMatchObject({ cloud: 'alicloud', name: 'hybrid-vpn', file: 'dist/alicloud/hybrid-vpn.json' });
    expect(manifest.findings.map((f) => [f.rule, f.resource, f.level, f.acknowledged?.reason])).toEqual([
      ['ALI-OSS-SSE', 'files', 'error', undefined],
      ['ALI-OSS-PUBLIC', 'public-acl', 'error', ALI_REASON],
    ]);
    expect(written.report.summary).toEqual({ errors: 2, warnings: 0, notes: 0, acknowledged: 2 });
    const markdown = readFileSync(written.files.markdown, 'utf8');
    expect(markdown).toContain(REASON);
    expect(markdown).toContain(ALI_REASON);
    expect(JSON.parse(readFileSync(written.files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(written.report)));
  });

  it('writes SARIF 2.1.0 with a run per tool, rules, levels, suppressions with the reason, and the line of each resource', () => {
    const sarif = JSON.parse(readFileSync(written.files.sarif, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((r: any) => r.tool.driver.name)).toEqual(['cdk-nag', 'twinstack-alicloud-rules']);
    const [nag, ali] = sarif.runs;
    expect(nag.tool.driver.rules.map((r: any) => r.id)).toContain('AwsSolutions-S1');
    const template = readFileSync(path.join(cwd, 'cdk.out', 'Reported.template.json'), 'utf8').split('\n');
    for (const result of nag.results) {
      expect(nag.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const { physicalLocation, logicalLocations } = result.locations[0];
      expect(physicalLocation.artifactLocation.uri).toBe('cdk.out/Reported.template.json');
      expect(template[physicalLocation.region.startLine - 1].trim()).toBe(`"${logicalLocations[0].name}": {`);
    }
    const acknowledged = nag.results.find((r: any) => r.suppressions);
    expect(acknowledged).toMatchObject({ ruleId: 'AwsSolutions-S1', suppressions: [{ kind: 'inSource', justification: REASON }] });
    expect(ali.results.map((r: any) => [r.ruleId, r.level, r.suppressions?.[0].justification])).toEqual([
      ['ALI-OSS-SSE', 'error', undefined],
      ['ALI-OSS-PUBLIC', 'error', ALI_REASON],
    ]);
    expect(ali.tool.driver.rules.map((r: any) => r.id)).toEqual(expect.arrayContaining(['ALI-OSS-PUBLIC', 'ALI-OSS-SSE', 'ALI-SG-ADMIN-OPEN']));
  });
});

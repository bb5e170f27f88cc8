import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildAwsApp } from '../../../../stacks/aws/build';
import { diffSnapshots } from '../../../../tools/audit/diff/audit-diff';
import { renderDiffMarkdown } from '../../../../tools/audit/diff/render-markdown';
import { readSnapshot } from '../../../../tools/audit/diff/snapshot';
import type { SynthesisOutput } from '../../../../tools/audit/diff/snapshot';
import { specWith } from '../../../helpers/spec';

const STACK = 'twinstack-prod-high-performance-web-site';
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const REVISIONS = { base: { ref: 'main', commit: '0123456789abcdef0123456789abcdef01234567' }, head: { ref: 'working tree' } };

/** The high-performance web architecture synthesized for real, in the layout `npm run synth` writes. */
async function synthesizeOnce(): Promise<SynthesisOutput> {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-done-when-'));
  made.push(dir);
  const output = { cdkOut: path.join(dir, 'cdk.out'), dist: path.join(dir, 'dist') };
  const spec = specWith();
  buildAwsApp(spec, { outdir: output.cdkOut, only: ['high-performance-web'] }).app.synth();
  const { renderManifests } = await import('../../../../stacks/alicloud/manifest');
  const manifests = await renderManifests(spec, ['high-performance-web']);
  mkdirSync(path.join(output.dist, 'alicloud'), { recursive: true });
  writeFileSync(path.join(output.dist, 'alicloud', 'high-performance-web.json'), `${JSON.stringify(manifests['high-performance-web'], null, 2)}\n`);
  return output;
}

function copyOf(output: SynthesisOutput, name: string): SynthesisOutput {
  const dir = mkdtempSync(path.join(tmpdir(), `audit-${name}-`));
  made.push(dir);
  cpSync(output.cdkOut, path.join(dir, 'cdk.out'), { recursive: true });
  cpSync(output.dist, path.join(dir, 'dist'), { recursive: true });
  return { cdkOut: path.join(dir, 'cdk.out'), dist: path.join(dir, 'dist') };
}

function edit(file: string, change: (json: any) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 1));
}

const idOfType = (resources: Record<string, any>, type: string, where: (r: any) => boolean = () => true) =>
  Object.keys(resources).find((id) => resources[id].Type === type && where(resources[id]))!;

describe('audit diff on real synthesized output', () => {
  let base: SynthesisOutput;
  beforeAll(async () => {
    base = await synthesizeOnce();
  });

  it('reports no change and does not fail for identical revisions', () => {
    const diff = diffSnapshots(readSnapshot(base), readSnapshot(copyOf(base, 'same')), REVISIONS);
    expect(diff.scopes).toEqual([]);
    expect(diff.security).toEqual([]);
    expect(diff.failed).toBe(false);
    expect(renderDiffMarkdown(diff)).toContain('No infrastructure change.');
  });

  it('names an opened port, a widened IAM action, disabled OSS encryption and renamed resources, the first three as security-relevant', () => {
    const head = copyOf(base, 'head');
    let names: Record<string, string> = {};
    edit(path.join(head.cdkOut, `${STACK}.template.json`), (template) => {
      const resources = template.Resources;
      const sg = idOfType(resources, 'AWS::EC2::SecurityGroup', (r) => Array.isArray(r.Properties.SecurityGroupIngress));
      resources[sg].Properties.SecurityGroupIngress.push({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Description: 'SSH' });
      const policy = idOfType(resources, 'AWS::IAM::Policy');
      const statement = resources[policy].Properties.PolicyDocument.Statement[0];
      statement.Action = [...[statement.Action].flat(), 's3:*'];
      const logGroup = idOfType(resources, 'AWS::Logs::LogGroup');
      resources[`${logGroup}Renamed`] = resources[logGroup];
      delete resources[logGroup];
      names = { sg, policy, logGroup };
    });
    edit(path.join(head.dist, 'alicloud', 'high-performance-web.json'), (manifest) => {
      const sse = manifest.resources.findIndex((r: any) => r.type === 'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption');
      names.sse = manifest.resources[sse].name;
      manifest.resources.splice(sse, 1);
      const versioning = manifest.resources.find((r: any) => r.type === 'alicloud:oss/bucketVersioning:BucketVersioning');
      names.versioning = versioning.name;
      versioning.name = `${versioning.name}-renamed`;
    });

    const diff = diffSnapshots(readSnapshot(base), readSnapshot(head), REVISIONS);

    const weakening = diff.security.filter((f) => f.weakens).map((f) => [f.category, f.verb, f.resource, f.detail]);
    expect(weakening).toEqual([
      ['policy', 'widened', names.policy, expect.stringMatching(/^Allow s3:\* on /)],
      ['ingress', 'opened', names.sg, 'tcp 22 from 0.0.0.0/0'],
      ['encryption', 'turned off', names.sse, expect.stringContaining('OSS server-side encryption')],
    ]);
    expect(diff.security.filter((f) => !f.weakens)).toEqual([]);
    expect(diff.failed).toBe(true);
    const [aws, alicloud] = diff.scopes;
    expect(aws.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: `${names.logGroup}Renamed`, change: 'replaced', renamedFrom: names.logGroup }),
        expect.objectContaining({ id: names.sg, change: 'modified', properties: [expect.objectContaining({ path: 'Properties.SecurityGroupIngress[2]' })] }),
      ]),
    );
    expect(alicloud.resources).toEqual([
      expect.objectContaining({ id: names.sse, change: 'removed' }),
      expect.objectContaining({ id: `${names.versioning}-renamed`, change: 'replaced', renamedFrom: names.versioning }),
    ]);

    const markdown = renderDiffMarkdown(diff);
    expect(markdown.indexOf('### Security-relevant changes')).toBeLessThan(markdown.indexOf(`### AWS stack \`${STACK}\``));
    expect(markdown).toContain('**3 security-relevant changes weaken the infrastructure.**');
    expect(markdown).toContain(`replaced (renamed from \`${names.logGroup}\``);
  });
});

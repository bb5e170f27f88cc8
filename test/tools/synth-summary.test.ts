import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { nagFindingsByStack, summarizeStack, synthesizeTemplates } from '../../tools/synth-summary';

/** An app checked by cdk-nag with one clean stack and one whose bucket breaks AwsSolutions rules. */
function appWithFindings() {
  const outdir = mkdtempSync(path.join(tmpdir(), 'synth-summary-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:validationReportJson': true } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const clean = new Stack(app, 'Clean');
  new Bucket(clean, 'Private', { enforceSSL: true, encryption: BucketEncryption.S3_MANAGED });
  Validations.of(clean).acknowledge({ id: 'AwsSolutions::AwsSolutions-S1', reason: 'test bucket: no access logs needed' });
  const failing = new Stack(app, 'Failing');
  new Bucket(failing, 'Open');
  return { app, outdir, clean, failing };
}

describe('synthesizeTemplates', () => {
  const validation = process.env.CDK_VALIDATION;
  beforeAll(() => {
    process.env.CDK_VALIDATION = 'true';
  });
  afterAll(() => {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
  });

  it('still gives every template and the per-stack nag counts when cdk-nag fails the synthesis', () => {
    const { app, outdir, clean, failing } = appWithFindings();
    const result = synthesizeTemplates(app, outdir);
    expect(result.failure).toBe(`validation failed (cdk-nag findings printed above; the report is ${path.join(outdir, 'validation-report.json')})`);
    const findings = nagFindingsByStack(outdir);
    const failingRow = summarizeStack(failing, 'test', result.templateOf(failing), findings);
    const cleanRow = summarizeStack(clean, 'test', result.templateOf(clean), findings);
    expect(failingRow.nagErrors).toBeGreaterThan(0);
    expect(failingRow.resources).toBe(1);
    expect(cleanRow).toMatchObject({ nagErrors: 0, acknowledged: 1 });
    expect(cleanRow.resources).toBe(2);
  });

  it('rethrows a failure that is not a validation report', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'synth-summary-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Broken');
    stack.node.addValidation({ validate: () => ['the construct tree is inconsistent'] });
    expect(() => synthesizeTemplates(app, outdir)).toThrow('the construct tree is inconsistent');
  });
});

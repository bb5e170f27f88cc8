import type { Manifest } from '../../stacks/alicloud/manifest';
import { CAPABILITIES, renderParity } from '../../stacks/parity';
import type { AwsTemplate, Capability } from '../../stacks/parity';
import { specWith } from '../helpers/spec';

const SPEC = specWith();

/** One capability per architecture, so the tables stay small and readable. */
const ONE: Capability = {
  label: 'Object replication',
  aws: { requires: [[{ type: 'AWS::S3::Bucket', note: 'ReplicationConfiguration', test: (p) => p.ReplicationConfiguration !== undefined }]], gap: 'no replicated bucket' },
  alicloud: { requires: [[{ type: 'alicloud:oss/bucketReplication:BucketReplication' }]], sites: 1, gap: 'no OSS replication' },
};
const TWO_SITES: Capability = {
  label: (spec) => `Two sites (${spec.architectures['dual-active'].alicloud.primary.region})`,
  aws: { requires: [[{ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }]], sites: 2, gap: 'one site only' },
  alicloud: { requires: [[{ type: 'alicloud:alb/loadBalancer:LoadBalancer' }], [{ type: 'alicloud:alb/listener:Listener' }]], sites: 2, gap: 'ALB missing' },
};
const TABLE = { 'dual-active': [TWO_SITES], 'disaster-recovery': [ONE], 'high-performance-web': [], 'hybrid-vpn': [] };

const stack = (architecture: any, resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>): AwsTemplate => ({ architecture, template: { Resources: resources } });
const manifest = (architecture: any, resources: Array<{ type: string; name: string; region: string; inputs?: Record<string, unknown> }>): Manifest => ({
  architecture,
  component: `twinstack-prod-${architecture}`,
  outputs: {},
  resources: resources.map((r) => ({ inputs: {}, ...r })),
});

const AWS = {
  'da-primary': stack('dual-active', { Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' } }),
  'da-secondary': stack('dual-active', { Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' } }),
  // Buckets without replication do not count: the type alone is not a claim.
  'dr-primary': stack('disaster-recovery', { Logs: { Type: 'AWS::S3::Bucket', Properties: {} } }),
};
const ALI = {
  'dual-active': manifest('dual-active', [
    { type: 'alicloud:alb/loadBalancer:LoadBalancer', name: 'a', region: 'cn-hangzhou' },
    { type: 'alicloud:alb/loadBalancer:LoadBalancer', name: 'b', region: 'cn-hangzhou' },
    { type: 'alicloud:alb/listener:Listener', name: 'l', region: 'cn-hangzhou' },
  ]),
  'disaster-recovery': manifest('disaster-recovery', [{ type: 'alicloud:oss/bucketReplication:BucketReplication', name: 'r', region: 'cn-hangzhou' }]),
};

describe('renderParity', () => {
  const report = renderParity(SPEC, AWS, ALI, TABLE as any);

  it('claims rendered types, and writes absent ones and unmet site counts as named gaps', () => {
    expect(report).toContain('| Two sites (cn-hangzhou) | `AWS::ElasticLoadBalancingV2::LoadBalancer` ×2 | gap: ALB missing — rendered in 1 of 2 sites |');
    expect(report).toContain('| Object replication | gap: no replicated bucket — none of `AWS::S3::Bucket` (ReplicationConfiguration) | `alicloud:oss/bucketReplication:BucketReplication` ×1 |');
    expect(report).toContain('| dual-active | 1 | 0 | 1 |');
    expect(report).toContain('| disaster-recovery | 1 | 1 | 0 |');
  });

  it('names a missing group of a capability, and an architecture with nothing rendered', () => {
    const noListener = { ...ALI, 'dual-active': manifest('dual-active', [{ type: 'alicloud:alb/loadBalancer:LoadBalancer', name: 'a', region: 'cn-hangzhou' }]) };
    expect(renderParity(SPEC, AWS, noListener, TABLE as any)).toContain('gap: ALB missing — none of `alicloud:alb/listener:Listener`');
    const empty = renderParity(SPEC, {}, {}, TABLE as any);
    expect(empty).toContain('| Object replication | gap: nothing rendered for this architecture on this cloud | gap: nothing rendered for this architecture on this cloud |');
  });

  it('claims a type once it is rendered with the property the capability needs', () => {
    const replicated = { ...AWS, 'dr-primary': stack('disaster-recovery', { Data: { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'r' } } } }) };
    expect(renderParity(SPEC, replicated, ALI, TABLE as any)).toContain('| Object replication | `AWS::S3::Bucket` (ReplicationConfiguration) ×1 | `alicloud:oss/bucketReplication:BucketReplication` ×1 |');
  });

  it('skips capabilities the spec does not ask for and marks disabled architectures', () => {
    const spec = specWith((s) => {
      s.architectures['disaster-recovery'].strategy = 'backup-restore';
      s.architectures['disaster-recovery'].rpoMinutes = 1440;
      s.architectures['disaster-recovery'].rtoMinutes = 1440;
      s.architectures['hybrid-vpn'].enabled = false;
    });
    const text = renderParity(spec, {}, {});
    expect(text).not.toContain('Standby compute');
    expect(text).toContain('RPO 1440 min / RTO 1440 min stated');
    expect(text).toContain('## hybrid-vpn\n\nDisabled in the spec.');
  });

  it('is deterministic: input order does not change the text', () => {
    const reversed = Object.fromEntries(Object.entries(AWS).reverse());
    expect(renderParity(SPEC, reversed, ALI, TABLE as any)).toBe(report);
    expect(report).toMatchSnapshot();
  });

  it('declares capabilities for every architecture with a gap reason on both clouds', () => {
    for (const capabilities of Object.values(CAPABILITIES)) {
      expect(capabilities.length).toBeGreaterThanOrEqual(5);
      for (const c of capabilities) for (const cloud of ['aws', 'alicloud'] as const) expect(c[cloud].gap.length).toBeGreaterThan(10);
    }
  });
});

describe('the cost report rows of service-desk', () => {
  it('claims what both renderings deliver and names the Alibaba gap: no failure destination or alarm for the weekly run', async () => {
    const { App } = await import('aws-cdk-lib');
    const { buildAwsApp, pinnedContext } = await import('../../stacks/aws/build');
    const { addServiceDeskStacks } = await import('../../stacks/aws/service-desk');
    const { renderArchitecture } = await import('../helpers/alicloud');
    const fixtures = `${__dirname}/../fixtures`;
    const app = new App({ context: pinnedContext(), stackTraces: false });
    buildAwsApp(SPEC, { app, only: [] });
    const [stack] = addServiceDeskStacks(app, SPEC, { lambdaEntry: `${fixtures}/service-desk-handler.ts`, costLambdaEntry: `${fixtures}/cost-report-handler.ts` });
    const templates = { [stack.stackName]: { architecture: 'service-desk' as const, template: app.synth().getStackByName(stack.stackName).template } };
    const report = renderParity(SPEC, templates, { 'service-desk': await renderArchitecture('service-desk' as any) }, { 'service-desk': CAPABILITIES['service-desk'] });
    const row = (label: string) => report.split('\n').find((line) => line.startsWith(`| ${label} |`));

    expect(row('Cost report API (GET /cost/reports) behind the token check')).toBe(
      '| Cost report API (GET /cost/reports) behind the token check | `AWS::ApiGatewayV2::Route` (GET /cost/reports, JWT) ×1 | `alicloud:fc/v3Function:V3Function` (handler with COST_GROUP_BY and JWT_JWKS_URL) ×1, `alicloud:fc/v3Trigger:V3Trigger` (triggerType=http) ×2 |',
    );
    expect(row('Weekly cost report (mon 06:00 UTC)')).toBe(
      '| Weekly cost report (mon 06:00 UTC) | `AWS::Scheduler::Schedule` (ScheduleExpressionTimezone) ×1 | `alicloud:fc/v3Trigger:V3Trigger` (timer, CRON_TZ) ×1 |',
    );
    expect(row('Billing read access only (Cost Explorer GetCostAndUsage; BSS read actions)')).toBe(
      '| Billing read access only (Cost Explorer GetCostAndUsage; BSS read actions) | `AWS::IAM::Policy` (ce:GetCostAndUsage) ×2 | `alicloud:ram/policy:Policy` (bssapi:DescribeInstanceBill) ×2 |',
    );
    expect(row('Reports in a private bucket that expires them')).toContain('`AWS::S3::Bucket` (PublicAccessBlock, ExpirationInDays) ×2');
    expect(row('Failed weekly runs retried')).toBe(
      '| Failed weekly runs retried | `AWS::Scheduler::Schedule` (Target.RetryPolicy) ×1, `AWS::Lambda::EventInvokeConfig` (MaximumRetryAttempts) ×1 | `alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig` (maxAsyncRetryAttempts) ×1 |',
    );
    expect(row('Failed weekly runs kept for a rerun, and alarmed')).toMatch(
      /^\| Failed weekly runs kept for a rerun, and alarmed \| `AWS::Scheduler::Schedule` \(Target.DeadLetterConfig\) ×1, `AWS::CloudWatch::Alarm` \(MetricName=ApproximateNumberOfMessagesVisible\) ×1 \| gap: no failure destination for the timer function and no CloudMonitor alarm rendered/,
    );
  });

  it('leaves the cost rows out when the spec disables cost reports', () => {
    const spec = specWith((s) => (s.services['service-desk'].costReports = { enabled: false }));
    expect(renderParity(spec, {}, {})).not.toContain('Weekly cost report');
    expect(renderParity(SPEC, {}, {})).toContain('| Weekly cost report (mon 06:00 UTC) |');
  });
});

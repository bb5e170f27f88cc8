import { buildAwsApp } from '../../../stacks/aws/build';
import { specWith } from '../../helpers/spec';

describe('every AWS architecture of the default spec, synthesized together', () => {
  const { app, stacks } = buildAwsApp(specWith());
  const assembly = app.synth();
  const templates = stacks.map(({ stack }) => assembly.getStackByName(stack.stackName).template);
  const types = new Set(templates.flatMap((t) => Object.values<{ Type: string }>(t.Resources).map((r) => r.Type)));

  it.each([
    'AWS::DynamoDB::GlobalTable',
    'AWS::Route53::HealthCheck',
    'AWS::Backup::BackupPlan',
    'AWS::Backup::BackupVault',
    'AWS::CloudFront::Distribution',
    'AWS::WAFv2::WebACL',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::AutoScaling::AutoScalingGroup',
    'AWS::ElastiCache::ReplicationGroup',
    'AWS::EC2::TransitGateway',
    'AWS::EC2::CustomerGateway',
    'AWS::EC2::VPNConnection',
  ])('contains %s', (type) => {
    expect(types).toContain(type);
  });

  it('deploys every stack to the spec account', () => {
    expect(new Set(stacks.map(({ stack }) => stack.account))).toEqual(new Set(['111122223333']));
  });

  it('tags every taggable resource with its project, environment, architecture and the spec tags', () => {
    stacks.forEach(({ architecture }, i) => {
      const tagged = Object.values<{ Properties?: { Tags?: unknown } }>(templates[i].Resources).filter((r) => Array.isArray(r.Properties?.Tags));
      expect(tagged.length).toBeGreaterThan(0);
      for (const resource of tagged) {
        expect(resource.Properties?.Tags).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Key: 'twinstack:architecture', Value: architecture }),
            expect.objectContaining({ Key: 'twinstack:environment', Value: 'prod' }),
            expect.objectContaining({ Key: 'owner', Value: 'platform-team' }),
          ]),
        );
      }
    });
  });

  it('leaves an architecture out when the spec disables it', () => {
    const { stacks: without } = buildAwsApp(specWith((s) => (s.architectures['hybrid-vpn'].enabled = false)), { nag: false });
    expect(without.map((s) => s.architecture)).not.toContain('hybrid-vpn');
    expect(without.length).toBe(stacks.length - 1);
  });
});

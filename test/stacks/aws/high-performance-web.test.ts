import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { RedisCache } from '../../../constructs/aws/redis-cache';
import { WebAcl } from '../../../constructs/aws/web-acl';
import { synthArchitecture, SynthesizedArchitecture } from '../../helpers/aws';
import { specWith } from '../../helpers/spec';

const EDGE = 'twinstack-prod-high-performance-web-edge';
const SITE = 'twinstack-prod-high-performance-web-site';

function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** The only resource of a type in the template. */
function only(template: Template, type: string): any {
  return template.findResources(type)[onlyLogicalId(template, type)];
}

/** `{{resolve:secretsmanager:<secret>:SecretString:::}}` as CDK renders it for a secret in the same stack. */
function dynamicReference(secretLogicalId: string) {
  return { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretLogicalId }, ':SecretString:::}}']] };
}

/** Logical id of the static-asset bucket: the one whose server access logs go under `static-assets/`. */
function staticBucketId(site: Template): string {
  const [id] = Object.entries<any>(site.findResources('AWS::S3::Bucket')).find(
    ([, bucket]) => bucket.Properties.LoggingConfiguration?.LogFilePrefix === 'static-assets/',
  )!;
  return id;
}

/** A value read from the edge stack's output in us-east-1. */
function fromEdge(outputName: string) {
  return { 'Fn::GetStackOutput': { StackName: EDGE, Region: 'us-east-1', OutputName: outputName } };
}

/** Logical id of the secret whose description names the origin-verify header. */
function originVerifySecretId(site: Template): string {
  const [id] = Object.entries(site.findResources('AWS::SecretsManager::Secret')).find(([, secret]: [string, any]) =>
    String(secret.Properties.Description).includes('X-Origin-Verify'),
  )!;
  return id;
}

describe('high-performance-web on AWS', () => {
  let synth: SynthesizedArchitecture;
  let edge: Template;
  let site: Template;

  beforeAll(() => {
    synth = synthArchitecture('high-performance-web');
    edge = synth.templates[EDGE];
    site = synth.templates[SITE];
  });

  it('renders an edge stack in us-east-1 and the site stack in the spec region, site after edge', () => {
    expect(Object.keys(synth.templates).sort()).toEqual([EDGE, SITE]);
    const [edgeStack, siteStack] = synth.stacks;
    expect([edgeStack.region, edgeStack.account]).toEqual(['us-east-1', '111122223333']);
    expect([siteStack.region, siteStack.account]).toEqual(['eu-west-1', '111122223333']);
    expect(siteStack.dependencies).toContain(edgeStack);
  });

  it('issues the viewer certificate for the domain in us-east-1, validated in the hosted zone', () => {
    edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'www.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'www.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
  });

  it('filters CloudFront traffic with the IP reputation list, a per-IP rate rule at the spec limit and two managed rule groups', () => {
    const acl = only(edge, 'AWS::WAFv2::WebACL').Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const rules = [...acl.Rules].sort((a: any, b: any) => a.Priority - b.Priority);
    expect(rules.map((rule: any) => rule.Statement.ManagedRuleGroupStatement?.Name ?? rule.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'RateLimitPerIp',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    expect(rules[1]).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 2000, EvaluationWindowSec: 300 } },
    });
    for (const rule of [acl, ...rules]) {
      expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
    for (const rule of rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement)) {
      expect(rule.OverrideAction).toEqual({ None: {} });
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
    }
  });

  it('logs WAF requests to an aws-waf-logs- log group, credential headers redacted', () => {
    edge.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-twinstack-prod-high-performance-web' });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [onlyLogicalId(edge, 'AWS::WAFv2::WebACL'), 'Arn'] },
      LogDestinationConfigs: ['arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-twinstack-prod-high-performance-web'],
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }],
    });
  });

  it('attaches the us-east-1 certificate and web ACL to the distribution through the edge stack outputs', () => {
    const config = only(site, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    const edgeOutputs = edge.toJSON().Outputs;
    const certificateOutput = Object.keys(edgeOutputs).find((name) => edgeOutputs[name].Value.Ref === onlyLogicalId(edge, 'AWS::CertificateManager::Certificate'))!;
    const aclOutput = Object.keys(edgeOutputs).find((name) => edgeOutputs[name].Value['Fn::GetAtt']?.[0] === onlyLogicalId(edge, 'AWS::WAFv2::WebACL'))!;
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: fromEdge(certificateOutput),
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(config.WebACLId).toEqual(fromEdge(aclOutput));
  });

  it('serves static assets from S3 through Origin Access Control and /api/* from the ALB origin', () => {
    const config = only(site, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config.Origins).toHaveLength(2);
    const [s3Origin, albOrigin] = config.Origins;
    expect(s3Origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [staticBucketId(site), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [onlyLogicalId(site, 'AWS::CloudFront::OriginAccessControl'), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(albOrigin).toMatchObject({
      DomainName: 'origin.www.example.com',
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin.Id,
      CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
    });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/api/*',
        TargetOriginId: albOrigin.Id,
        CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      }),
    ]);
    site.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
  });

  it('sends the X-Origin-Verify header as a Secrets Manager dynamic reference, never a literal value', () => {
    const secretId = originVerifySecretId(site);
    site.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
    expect(site.findResources('AWS::SecretsManager::Secret')[secretId].Properties.SecretString).toBeUndefined();
    const albOrigin = only(site, 'AWS::CloudFront::Distribution').Properties.DistributionConfig.Origins[1];
    expect(albOrigin.OriginCustomHeaders).toEqual([{ HeaderName: 'X-Origin-Verify', HeaderValue: dynamicReference(secretId) }]);
  });

  it('forwards to the web tier only with the origin-verify header and answers 403 otherwise', () => {
    site.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: { Ref: Match.stringLikeRegexp('^OriginCertificate') } }],
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '403' }) }],
    });
    site.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [dynamicReference(originVerifySecretId(site))] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: onlyLogicalId(site, 'AWS::ElasticLoadBalancingV2::TargetGroup') } }],
    });
    site.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'origin.www.example.com', ValidationMethod: 'DNS' });
  });

  it('serves viewers over TLS 1.2+ with HTTP/2 and HTTP/3, compression, price class 100 and standard access logs', () => {
    const config = only(site, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config).toMatchObject({ Aliases: ['www.example.com'], HttpVersion: 'http2and3', PriceClass: 'PriceClass_100', IPV6Enabled: true });
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    }
    const logBucketId = config.Logging.Bucket['Fn::GetAtt'][0];
    expect(site.findResources('AWS::S3::Bucket')[logBucketId].Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }],
    });
  });

  it('points the domain at CloudFront (A and AAAA) and origin.<domain> at the load balancer', () => {
    const distributionId = onlyLogicalId(site, 'AWS::CloudFront::Distribution');
    for (const type of ['A', 'AAAA']) {
      site.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'www.example.com.',
        Type: type,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        AliasTarget: Match.objectLike({ DNSName: { 'Fn::GetAtt': [distributionId, 'DomainName'] } }),
      });
    }
    site.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'origin.www.example.com.',
      Type: 'A',
      AliasTarget: Match.objectLike({ HostedZoneId: { 'Fn::GetAtt': [onlyLogicalId(site, 'AWS::ElasticLoadBalancingV2::LoadBalancer'), 'CanonicalHostedZoneID'] } }),
    });
  });

  it('keeps the static-asset bucket private, encrypted, TLS-only and logged, readable only by the distribution', () => {
    const bucketId = staticBucketId(site);
    const policy = Object.values<any>(site.findResources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === bucketId);
    expect(site.findResources('AWS::S3::Bucket')[bucketId].Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogsBucket/) }, LogFilePrefix: 'static-assets/' },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.objectContaining({ 'Fn::Join': expect.anything() }) } },
      }),
    );
  });

  it('scales the web tier between the spec bounds on average CPU at the spec target', () => {
    site.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '10' });
    site.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
    });
  });

  it('runs Redis multi-AZ with TLS, KMS encryption at rest, an AUTH token from Secrets Manager and daily snapshots', () => {
    const group = only(site, 'AWS::ElastiCache::ReplicationGroup').Properties;
    const authSecretId = Object.keys(site.findResources('AWS::SecretsManager::Secret')).find((id) => id !== originVerifySecretId(site))!;
    expect(group).toMatchObject({
      Engine: 'redis',
      CacheNodeType: 'cache.t4g.small',
      NumCacheClusters: 2,
      PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'],
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      KmsKeyId: { 'Fn::GetAtt': [onlyLogicalId(site, 'AWS::KMS::Key'), 'Arn'] },
      AuthToken: dynamicReference(authSecretId),
      CacheSubnetGroupName: { Ref: onlyLogicalId(site, 'AWS::ElastiCache::SubnetGroup') },
    });
    expect(group.SnapshotRetentionLimit).toBeGreaterThanOrEqual(1);
    expect(group.LogDeliveryConfigurations.map((c: any) => [c.LogType, c.DestinationType])).toEqual([
      ['slow-log', 'cloudwatch-logs'],
      ['engine-log', 'cloudwatch-logs'],
    ]);
    site.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    site.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^NetworkVpcdataSubnet1') }, { Ref: Match.stringLikeRegexp('^NetworkVpcdataSubnet2') }],
    });
  });

  it('lets only the web instances reach Redis, on 6379', () => {
    const cacheGroupId = group(site, 'Redis');
    const ingress = Object.values<any>(site.findResources('AWS::EC2::SecurityGroupIngress')).filter(
      (rule) => rule.Properties.GroupId['Fn::GetAtt'][0] === cacheGroupId,
    );
    expect(ingress.map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 6379,
        ToPort: 6379,
        SourceSecurityGroupId: { 'Fn::GetAtt': [group(site, 'Web instances'), 'GroupId'] },
      }),
    ]);
    expect(site.findResources('AWS::EC2::SecurityGroup')[cacheGroupId].Properties.SecurityGroupIngress).toBeUndefined();
  });

  it('publishes the site URL, distribution, asset bucket and Redis primary endpoint', () => {
    const outputs = site.toJSON().Outputs;
    expect(outputs.SiteUrl.Value).toBe('https://www.example.com');
    expect(outputs.DistributionDomainName.Value).toEqual({ 'Fn::GetAtt': [onlyLogicalId(site, 'AWS::CloudFront::Distribution'), 'DomainName'] });
    expect(outputs.DistributionId.Value).toEqual({ Ref: onlyLogicalId(site, 'AWS::CloudFront::Distribution') });
    expect(outputs.StaticAssetsBucketName.Value).toEqual({ Ref: staticBucketId(site) });
    expect(outputs.RedisPrimaryEndpoint.Value).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [onlyLogicalId(site, 'AWS::ElastiCache::ReplicationGroup'), 'PrimaryEndPoint.Address'] }, ':6379']],
    });
  });

  it('matches the edge stack snapshot', () => {
    expect(edge.toJSON()).toMatchSnapshot();
  });

  it('matches the site stack snapshot', () => {
    expect(site.toJSON()).toMatchSnapshot();
  });

  it('synthesizes identical templates twice', () => {
    const again = synthArchitecture('high-performance-web');
    expect(again.templates[EDGE].toJSON()).toEqual(edge.toJSON());
    expect(again.templates[SITE].toJSON()).toEqual(site.toJSON());
  });
});

/** Logical id of the security group whose description starts with `prefix`. */
function group(template: Template, prefix: string): string {
  const [id] = Object.entries<any>(template.findResources('AWS::EC2::SecurityGroup')).find(([, sg]) =>
    String(sg.Properties.GroupDescription).startsWith(prefix),
  )!;
  return id;
}

describe('high-performance-web follows the spec', () => {
  it('sets the WAF rate rule to waf.rateLimitPer5Minutes', () => {
    const { templates } = synthArchitecture('high-performance-web', specWith((s) => (s.architectures['high-performance-web'].waf.rateLimitPer5Minutes = 5000)));
    const rules = only(templates[EDGE], 'AWS::WAFv2::WebACL').Properties.Rules;
    expect(rules.find((rule: any) => rule.Name === 'RateLimitPerIp').Statement.RateBasedStatement.Limit).toBe(5000);
  });

  it('follows cache replicas, node type and the CPU target', () => {
    const { templates } = synthArchitecture(
      'high-performance-web',
      specWith((s) => {
        const web = s.architectures['high-performance-web'];
        web.cache.replicas = 2;
        web.aws.cacheNodeType = 'cache.r7g.large';
        web.capacity.targetCpuPercent = 65;
      }),
    );
    templates[SITE].hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      NumCacheClusters: 3,
      CacheNodeType: 'cache.r7g.large',
      PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'],
    });
    templates[SITE].hasResourceProperties('AWS::AutoScaling::ScalingPolicy', { TargetTrackingConfiguration: Match.objectLike({ TargetValue: 65 }) });
  });

  it('still works when the site region is us-east-1 itself', () => {
    const { templates, stacks } = synthArchitecture(
      'high-performance-web',
      specWith((s) => (s.architectures['high-performance-web'].aws.placement = { region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] })),
    );
    expect(stacks.map((stack) => stack.region)).toEqual(['us-east-1', 'us-east-1']);
    const config = only(templates[SITE], 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config.ViewerCertificate.AcmCertificateArn).toEqual({ 'Fn::GetStackOutput': expect.objectContaining({ StackName: EDGE }) });
    expect(config.WebACLId).toEqual({ 'Fn::GetStackOutput': expect.objectContaining({ StackName: EDGE }) });
  });

  it('runs a single-zone cache when high availability is off', () => {
    const { templates } = synthArchitecture(
      'high-performance-web',
      specWith((s) => {
        s.architectures['high-performance-web'].highAvailability = false;
        s.architectures['high-performance-web'].cache.replicas = 0;
      }),
    );
    templates[SITE].hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      NumCacheClusters: 1,
      MultiAZEnabled: false,
      AutomaticFailoverEnabled: false,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
    });
  });

  it('refuses high availability without a cache replica to fail over to', () => {
    const spec = specWith((s) => (s.architectures['high-performance-web'].cache.replicas = 0));
    expect(() => synthArchitecture('high-performance-web', spec)).toThrow(/highAvailability needs cache\.replicas >= 1/);
  });
});

describe('high-performance-web constructs validate their props', () => {
  const stackIn = (region: string) => new Stack(new App(), 'Test', { env: { account: '111122223333', region } });

  it('refuses a CLOUDFRONT web ACL outside us-east-1', () => {
    expect(() => new WebAcl(stackIn('eu-west-1'), 'Acl', { name: 'site', rateLimitPer5Minutes: 2000 })).toThrow(
      /scope CLOUDFRONT must be created in us-east-1/,
    );
  });

  it('refuses a rate limit WAF cannot enforce', () => {
    expect(() => new WebAcl(stackIn('us-east-1'), 'Acl', { name: 'site', rateLimitPer5Minutes: 5 })).toThrow(/rateLimitPer5Minutes must be an integer/);
  });

  it('refuses a multi-AZ cache without replicas', () => {
    const stack = stackIn('eu-west-1');
    const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1b'], natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const client = new ec2.SecurityGroup(stack, 'Client', { vpc });
    expect(() => new RedisCache(stack, 'Cache', { vpc, clientSecurityGroups: [client], nodeType: 'cache.t4g.small', replicas: 0 })).toThrow(
      /multiAz needs at least one replica/,
    );
  });
});

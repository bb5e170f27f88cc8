import type { Manifest } from '../../../stacks/alicloud/manifest';
import { ofType, oneOfType, renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

const PREFIX = 'twinstack-prod-high-performance-web';
const T = {
  alb: 'alicloud:alb/loadBalancer:LoadBalancer',
  serverGroup: 'alicloud:alb/serverGroup:ServerGroup',
  listener: 'alicloud:alb/listener:Listener',
  rule: 'alicloud:alb/rule:Rule',
  group: 'alicloud:ess/scalingGroup:ScalingGroup',
  launch: 'alicloud:ess/scalingConfiguration:ScalingConfiguration',
  attachment: 'alicloud:ess/albServerGroupAttachment:AlbServerGroupAttachment',
  scalingRule: 'alicloud:ess/scalingRule:ScalingRule',
  redis: 'alicloud:kvstore/instance:Instance',
  bucket: 'alicloud:oss/bucket:Bucket',
  bucketAcl: 'alicloud:oss/bucketAcl:BucketAcl',
  sse: 'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption',
  versioning: 'alicloud:oss/bucketVersioning:BucketVersioning',
  logging: 'alicloud:oss/bucketLogging:BucketLogging',
  cdn: 'alicloud:cdn/domainNew:DomainNew',
  cdnConfig: 'alicloud:cdn/domainConfig:DomainConfig',
  wafDomain: 'alicloud:wafv3/domain:Domain',
  wafRule: 'alicloud:wafv3/defenseRule:DefenseRule',
  wafTemplate: 'alicloud:wafv3/defenseTemplate:DefenseTemplate',
  sgRule: 'alicloud:ecs/securityGroupRule:SecurityGroupRule',
  vpc: 'alicloud:vpc/network:Network',
};
const id = (type: string, m: Manifest, name: string) => {
  const r = ofType(m, type).find((x) => x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}`);
  return `${r.name}.id`;
};

describe('high-performance-web on Alibaba Cloud', () => {
  let manifest: Manifest;
  beforeAll(async () => {
    manifest = await renderArchitecture('high-performance-web');
  });

  test('every resource is created in cn-hangzhou through the explicit provider', () => {
    const cloud = manifest.resources.filter((r) => !r.type.startsWith('twinstack:'));
    expect(cloud.length).toBeGreaterThan(40);
    for (const r of cloud) expect([r.name, r.region]).toEqual([r.name, 'cn-hangzhou']);
    expect(oneOfType(manifest, 'pulumi:providers:alicloud').inputs.region).toBe('cn-hangzhou');
    expect(oneOfType(manifest, T.vpc).inputs.cidrBlock).toBe('10.50.0.0/16');
  });

  test('the ALB is Standard, internet-facing, over the spec zones, protected and logging to SLS', () => {
    const alb = oneOfType(manifest, T.alb).inputs;
    expect(alb.loadBalancerEdition).toBe('Standard');
    expect(alb.addressType).toBe('Internet');
    expect(alb.deletionProtectionEnabled).toBe(true);
    expect(alb.zoneMappings).toEqual([
      { zoneId: 'cn-hangzhou-h', vswitchId: `${PREFIX}-network-app-cn-hangzhou-h.id` },
      { zoneId: 'cn-hangzhou-i', vswitchId: `${PREFIX}-network-app-cn-hangzhou-i.id` },
    ]);
    expect(alb.accessLogConfig).toEqual({ logProject: `${PREFIX}-web-alb-logs`, logStore: 'alb-access' });
  });

  test('the server group checks /health; HTTPS forwards to it with a certificate, HTTP redirects to HTTPS', () => {
    const sg = oneOfType(manifest, T.serverGroup).inputs as any;
    expect(sg.healthCheckConfig).toMatchObject({ healthCheckEnabled: true, healthCheckProtocol: 'HTTP', healthCheckPath: '/health', healthCheckCodes: ['http_2xx'] });
    const sgId = id(T.serverGroup, manifest, `${PREFIX}-web-servers`);
    const listeners = Object.fromEntries(ofType(manifest, T.listener).map((l) => [l.inputs.listenerPort as number, l.inputs as any]));
    expect(Object.keys(listeners).sort()).toEqual(['443', '80']);
    expect(listeners[443].listenerProtocol).toBe('HTTPS');
    expect(listeners[443].certificates).toEqual({ certificateId: 'set-twinstack:albCertificateId-before-deploy' });
    expect(listeners[443].defaultActions[0].forwardGroupConfig.serverGroupTuples).toEqual([{ serverGroupId: sgId }]);
    const redirect = oneOfType(manifest, T.rule).inputs as any;
    expect(redirect.listenerId).toBe(`${PREFIX}-web-http.id`);
    expect(redirect.ruleConditions).toEqual([{ type: 'Path', pathConfig: { values: ['/*'] } }]);
    expect(redirect.ruleActions).toEqual([{ order: 1, type: 'Redirect', redirectConfig: { protocol: 'HTTPS', port: '443', httpCode: '301' } }]);
  });

  test('the scaling group follows the spec capacity, spans the zones and is attached to the ALB server group', () => {
    const group = oneOfType(manifest, T.group).inputs;
    expect(group).toMatchObject({ minSize: 2, maxSize: 10, multiAzPolicy: 'BALANCE' });
    expect(group.vswitchIds).toEqual([`${PREFIX}-network-app-cn-hangzhou-h.id`, `${PREFIX}-network-app-cn-hangzhou-i.id`]);
    const attachment = oneOfType(manifest, T.attachment).inputs;
    expect(attachment).toMatchObject({ scalingGroupId: `${PREFIX}-web-group.id`, albServerGroupId: `${PREFIX}-web-servers.id`, port: 80 });
    const launch = oneOfType(manifest, T.launch).inputs;
    expect(launch).toMatchObject({ instanceType: 'ecs.g7.large', systemDiskEncrypted: true, internetMaxBandwidthOut: 0, active: true, enable: true });
    expect(launch.imageId).toMatch(/^aliyun_3_/);
    expect(launch.securityGroupIds).toEqual([`${PREFIX}-web-instances-sg.id`]);
    const rule = oneOfType(manifest, T.scalingRule).inputs;
    expect(rule).toMatchObject({ scalingRuleType: 'TargetTrackingScalingRule', metricName: 'CpuUtilization', targetValue: 50, scalingGroupId: `${PREFIX}-web-group.id` });
  });

  test('instances take the app port from the ALB security group only; nothing opens admin ports', () => {
    const rules = ofType(manifest, T.sgRule).map((r) => r.inputs);
    const instanceRule = rules.filter((r) => r.securityGroupId === `${PREFIX}-web-instances-sg.id`);
    expect(instanceRule).toEqual([expect.objectContaining({ portRange: '80/80', sourceSecurityGroupId: `${PREFIX}-web-alb-sg.id` })]);
    expect(instanceRule[0].cidrIp).toBeUndefined();
    const openPorts = rules.filter((r) => r.cidrIp === '0.0.0.0/0').map((r) => r.portRange).sort();
    expect(openPorts).toEqual(['443/443', '80/80']);
  });

  test('Redis: master and replica in the spec zones, in the data vSwitch, VPC CIDR only, TLS and TDE on', () => {
    const redis = oneOfType(manifest, T.redis).inputs;
    expect(redis).toMatchObject({
      instanceClass: 'redis.shard.small.2.ce',
      engineVersion: '7.0',
      zoneId: 'cn-hangzhou-h',
      secondaryZoneId: 'cn-hangzhou-i',
      slaveReplicaCount: 1,
      vswitchId: `${PREFIX}-network-data-cn-hangzhou-h.id`,
      sslEnable: 'Enable',
      tdeStatus: 'Enabled',
      vpcAuthMode: 'Open',
    });
    expect(redis.securityIps).toEqual(['10.50.0.0/16']);
    expect(ofType(manifest, 'alicloud:kvstore/connection:Connection')).toHaveLength(0);
  });

  test('OSS: content and log buckets are private, SSE-encrypted; content is versioned and logged', () => {
    const buckets = ofType(manifest, T.bucket).map((b) => b.inputs.bucket).sort();
    expect(buckets).toEqual([`${PREFIX}-static`, `${PREFIX}-static-logs`]);
    for (const b of ofType(manifest, T.bucket)) expect(b.inputs.acl).toBeUndefined();
    expect(ofType(manifest, T.bucketAcl).map((a) => [a.inputs.bucket, a.inputs.acl]).sort()).toEqual([
      [`${PREFIX}-static`, 'private'],
      [`${PREFIX}-static-logs`, 'private'],
    ]);
    expect(ofType(manifest, T.sse).map((s) => [s.inputs.bucket, s.inputs.sseAlgorithm]).sort()).toEqual([
      [`${PREFIX}-static`, 'AES256'],
      [`${PREFIX}-static-logs`, 'AES256'],
    ]);
    expect(oneOfType(manifest, T.versioning).inputs).toEqual({ bucket: `${PREFIX}-static`, status: 'Enabled' });
    expect(oneOfType(manifest, T.logging).inputs).toMatchObject({ bucket: `${PREFIX}-static`, targetBucket: `${PREFIX}-static-logs` });
  });

  test('CDN serves the domain from the private bucket and the dynamic origin, HTTPS only', () => {
    const cdn = oneOfType(manifest, T.cdn).inputs as any;
    expect(cdn.domainName).toBe('www.example.com');
    expect(cdn.sources).toEqual([
      { type: 'oss', content: `${PREFIX}-static.oss-cn-hangzhou.aliyuncs.com`, port: 443, priority: 20, weight: 10 },
      { type: 'domain', content: 'origin.www.example.com', port: 443, priority: 30, weight: 10 },
    ]);
    expect(cdn.certificateConfig).toEqual({ certType: 'free', serverCertificateStatus: 'on' });
    const functions = Object.fromEntries(ofType(manifest, T.cdnConfig).map((c) => [c.inputs.functionName, c.inputs.functionArgs]));
    expect(functions.l2_oss_key).toEqual([{ argName: 'private_oss_auth', argValue: 'on' }]);
    expect(functions.https_force).toContainEqual({ argName: 'enable', argValue: 'on' });
  });

  test('WAF 3.0 protects the spec domain over HTTPS, forwards to the ALB and rate-limits per IP', () => {
    const domain = oneOfType(manifest, T.wafDomain).inputs as any;
    expect(domain.domain).toBe('www.example.com');
    expect(domain.listen).toMatchObject({ httpsPorts: [443], certId: 'set-twinstack:wafCertificateId-before-deploy' });
    expect(domain.listen.httpPorts).toBeUndefined();
    expect(domain.redirect.backends).toEqual([`${PREFIX}-web-alb.dnsName`]);
    expect(oneOfType(manifest, T.wafTemplate).inputs).toMatchObject({ defenseScene: 'custom_acl', resources: ['www.example.com-waf'] });
    const rule = oneOfType(manifest, T.wafRule).inputs as any;
    expect(rule.config.rateLimit).toEqual({ target: 'remoteAddr', interval: 300, threshold: 2000, ttl: 600 });
    expect(rule.config.ruleAction).toBe('block');
  });

  test('outputs give the operator the endpoints', () => {
    expect(manifest.outputs).toMatchObject({
      cdnCname: `${PREFIX}-cdn-domain.cname`,
      albDnsName: `${PREFIX}-web-alb.dnsName`,
      redisConnectionDomain: `${PREFIX}-cache-instance.connectionDomain`,
      bucketName: `${PREFIX}-static`,
    });
  });

  test('every resource that takes tags carries the architecture label', () => {
    const tagged = manifest.resources.filter((r) => r.inputs.tags !== undefined);
    expect(tagged.length).toBeGreaterThan(15);
    for (const r of tagged) expect((r.inputs.tags as Record<string, string>)['twinstack:architecture']).toBe('high-performance-web');
  });

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('renders the same bytes twice', async () => {
    const again = await renderArchitecture('high-performance-web');
    expect(JSON.stringify(again)).toBe(JSON.stringify(manifest));
  });

  test('the rendering follows the spec: capacity, zones, cache replicas, rate limit, domain', async () => {
    const changed = await renderArchitecture(
      'high-performance-web',
      specWith((s) => {
        const web = s.architectures['high-performance-web'];
        web.capacity = { minInstances: 3, maxInstances: 12, targetCpuPercent: 65 };
        web.alicloud.placement = { region: 'cn-shanghai', zones: ['cn-shanghai-e', 'cn-shanghai-f'] };
        web.cache.replicas = 2;
        web.waf.rateLimitPer5Minutes = 500;
        web.domain = 'shop.example.com';
      }),
    );
    expect(oneOfType(changed, T.group).inputs).toMatchObject({ minSize: 3, maxSize: 12 });
    expect(oneOfType(changed, T.scalingRule).inputs.targetValue).toBe(65);
    expect((oneOfType(changed, T.alb).inputs.zoneMappings as any[]).map((z) => z.zoneId)).toEqual(['cn-shanghai-e', 'cn-shanghai-f']);
    expect(oneOfType(changed, T.redis).inputs).toMatchObject({ zoneId: 'cn-shanghai-e', secondaryZoneId: 'cn-shanghai-f', slaveReplicaCount: 2 });
    expect((oneOfType(changed, T.wafRule).inputs as any).config.rateLimit.threshold).toBe(500);
    expect(oneOfType(changed, T.wafDomain).inputs.domain).toBe('shop.example.com');
    expect(oneOfType(changed, T.cdn).inputs.domainName).toBe('shop.example.com');
    for (const r of changed.resources.filter((x) => !x.type.startsWith('twinstack:'))) expect(r.region).toBe('cn-shanghai');
  });

  test('a single-zone placement is refused before rendering, naming the field (the ALB needs two zones)', () => {
    expect(() =>
      specWith((s) => {
        s.architectures['high-performance-web'].highAvailability = false;
        s.architectures['high-performance-web'].alicloud.placement.zones = ['cn-hangzhou-h'];
      }),
    ).toThrow(/architectures\.high-performance-web\.alicloud\.placement\.zones/);
  });
});

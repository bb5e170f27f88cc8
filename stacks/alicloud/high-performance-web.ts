import * as pulumi from '@pulumi/pulumi';
import { AlicloudCdnSite } from '../../constructs/alicloud/cdn-site';
import { AlicloudNetwork } from '../../constructs/alicloud/network';
import { AlicloudPrivateBucket } from '../../constructs/alicloud/oss-private-bucket';
import { AlicloudRedisCache } from '../../constructs/alicloud/redis-cache';
import { AlicloudWafSite } from '../../constructs/alicloud/waf-site';
import { AlicloudWebTier } from '../../constructs/alicloud/web-tier';
import type { TwinstackSpec } from '../spec';
import { labelsFor, regionalProvider } from './common';

export interface HighPerformanceWebArgs {
  /** The validated spec; this component reads `architectures['high-performance-web']`. */
  readonly spec: TwinstackSpec;
}

/**
 * Placeholders used when a certificate id is not in the stack config. No certificate can be
 * issued offline, so the rendering names the config key to set; `pulumi up` with a placeholder
 * fails at the cloud API, never silently serves without TLS.
 */
export const CERTIFICATE_PLACEHOLDERS = {
  alb: 'set-twinstack:albCertificateId-before-deploy',
  waf: 'set-twinstack:wafCertificateId-before-deploy',
} as const;

/**
 * High-performance web on Alibaba Cloud, in one region over the spec's zones:
 * users → CDN (`<domain>`: static content from a private OSS bucket, dynamic requests to
 * `origin.<domain>`) → WAF 3.0 (`<domain>`, rate limit per client IP) → ALB (HTTPS) → ESS-managed
 * ECS instances scaled on CPU, with a multi-zone Tair (Redis) cache reachable only from the VPC.
 *
 * Stack config (`twinstack:` namespace, all optional): `albCertificateId`, `wafCertificateId`
 * (`<id>-<region>` of a Certificate Management Service certificate for `<domain>`),
 * `cdnCertificateId` (else CDN issues a free certificate), `webImageId` (else the pinned
 * Alibaba Cloud Linux 3 image), `redisKmsEncryptedPassword`, `wafInstanceId` (reuse an instance).
 */
export class HighPerformanceWeb extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: HighPerformanceWebArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:HighPerformanceWeb', name, {}, opts);
    const { spec } = args;
    const web = spec.architectures['high-performance-web'];
    const { region, zones } = web.alicloud.placement;
    if (zones.length < 2) {
      throw new Error(
        `high-performance-web: architectures.high-performance-web.alicloud.placement.zones must list at least two zones (ALB and the Redis secondary zone need two), got ${zones.length}`,
      );
    }
    const config = new pulumi.Config('twinstack');
    const tags = labelsFor(spec, 'high-performance-web');
    const resourceGroupId = spec.alicloud.resourceGroupId;
    const provider = regionalProvider(this, `${name}-${region}`, region);
    const child = { parent: this, provider };
    const originDomain = `origin.${web.domain}`;

    const network = new AlicloudNetwork(`${name}-network`, { cidr: web.network.cidr, zones, tags, resourceGroupId }, child);

    const webTier = new AlicloudWebTier(
      `${name}-web`,
      {
        vpcId: network.vpc.id,
        zones,
        vswitchIds: network.appSwitches.map((s) => s.id),
        instanceType: web.alicloud.instanceType,
        imageId: config.get('webImageId'),
        minSize: web.capacity.minInstances,
        maxSize: web.capacity.maxInstances,
        targetCpuPercent: web.capacity.targetCpuPercent,
        certificateId: config.get('albCertificateId') ?? CERTIFICATE_PLACEHOLDERS.alb,
        healthCheckPath: '/health',
        tags,
        resourceGroupId,
      },
      child,
    );

    const waf = new AlicloudWafSite(
      `${name}-waf`,
      {
        domain: web.domain,
        backends: [webTier.dnsName],
        certificateId: config.get('wafCertificateId') ?? CERTIFICATE_PLACEHOLDERS.waf,
        rateLimitPer5Minutes: web.waf.rateLimitPer5Minutes,
        instanceId: config.get('wafInstanceId'),
        tags,
        resourceGroupId,
      },
      child,
    );

    const content = new AlicloudPrivateBucket(`${name}-static`, { bucketName: `${name}-static`, tags, resourceGroupId }, child);

    const cdn = new AlicloudCdnSite(
      `${name}-cdn`,
      {
        domainName: web.domain,
        bucketName: content.bucketName,
        bucketRegion: region,
        dynamicOriginDomain: originDomain,
        certificateId: config.get('cdnCertificateId'),
        scope: region.startsWith('cn-') ? 'domestic' : 'overseas',
        tags,
        resourceGroupId,
      },
      child,
    );

    const cache = new AlicloudRedisCache(
      `${name}-cache`,
      {
        instanceClass: web.alicloud.cacheInstanceClass,
        zoneId: zones[0],
        secondaryZoneId: zones[1],
        replicas: web.cache.replicas,
        vswitchId: network.dataSwitches[0].id,
        allowedCidrs: [web.network.cidr],
        engineVersion: '7.0',
        kmsEncryptedPassword: config.get('redisKmsEncryptedPassword'),
        tags,
        resourceGroupId,
      },
      child,
    );

    this.outputs = pulumi.output({
      region,
      domain: web.domain,
      cdnCname: cdn.cname,
      albDnsName: webTier.dnsName,
      wafCname: waf.cname,
      // What the operator points in DNS: the site at CDN, the dynamic origin at WAF.
      dnsRecords: [
        { name: web.domain, type: 'CNAME', value: cdn.cname },
        { name: originDomain, type: 'CNAME', value: waf.cname },
      ],
      redisConnectionDomain: cache.connectionDomain,
      bucketName: content.bucketName,
      scalingGroupId: webTier.scalingGroup.id,
      vpcId: network.vpc.id,
    }).apply((resolved): Record<string, unknown> => resolved);
    this.registerOutputs({ outputs: this.outputs });
  }
}

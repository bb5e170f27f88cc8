import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { CdnDistribution } from '../../constructs/aws/cdn-distribution';
import { CdnOriginSecret } from '../../constructs/aws/cdn-origin-secret';
import { LogBucket } from '../../constructs/aws/log-bucket';
import { Network } from '../../constructs/aws/network';
import { RedisCache } from '../../constructs/aws/redis-cache';
import { StaticSiteBucket } from '../../constructs/aws/static-site-bucket';
import { WebAcl } from '../../constructs/aws/web-acl';
import { WebTier } from '../../constructs/aws/web-tier';
import type { TwinstackSpec } from '../spec';
import type { HighPerformanceWebSpec } from '../spec/high-performance-web';
import { resourcePrefix, stackName } from './naming';

/** CloudFront only accepts certificates and CLOUDFRONT-scope web ACLs from this region. */
const EDGE_REGION = 'us-east-1';

interface HighPerformanceWebStackProps extends StackProps {
  readonly spec: TwinstackSpec;
  readonly web: HighPerformanceWebSpec;
}

function hostedZone(scope: Construct, spec: TwinstackSpec): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId: spec.aws.hostedZoneId, zoneName: spec.dnsZone });
}

/** What the CDN needs from us-east-1: the viewer certificate for the site's domain and the web ACL. */
export class HighPerformanceWebEdgeStack extends Stack {
  readonly certificate: acm.ICertificate;
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: HighPerformanceWebStackProps) {
    super(scope, id, props);
    const { spec, web } = props;
    this.certificate = new acm.Certificate(this, 'ViewerCertificate', {
      domainName: web.domain,
      validation: acm.CertificateValidation.fromDns(hostedZone(this, spec)),
    });
    this.webAclArn = new WebAcl(this, 'Firewall', {
      name: `${resourcePrefix(spec)}-high-performance-web`,
      rateLimitPer5Minutes: web.waf.rateLimitPer5Minutes,
    }).webAclArn;
  }
}

interface HighPerformanceWebSiteStackProps extends HighPerformanceWebStackProps {
  readonly edge: HighPerformanceWebEdgeStack;
}

/**
 * The site in its own region: CloudFront in front of a static-asset bucket and an ALB + Auto Scaling
 * web tier that only answers CloudFront, with a Redis replication group for the application.
 */
export class HighPerformanceWebSiteStack extends Stack {
  constructor(scope: Construct, id: string, props: HighPerformanceWebSiteStackProps) {
    super(scope, id, props);
    const { spec, web, edge } = props;
    const zone = hostedZone(this, spec);
    const originDomain = `origin.${web.domain}`;

    const network = new Network(this, 'Network', {
      cidr: web.network.cidr,
      zones: web.aws.placement.zones,
      natPerZone: web.highAvailability,
    });
    const accessLogs = new LogBucket(this, 'AccessLogs');
    const cdnLogs = new LogBucket(this, 'CdnLogs', { allowCloudFrontLogDelivery: true });

    const originVerify = new CdnOriginSecret(this, 'OriginVerify');
    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'High-performance web instances: read the Redis AUTH token',
    });
    const webTier = new WebTier(this, 'WebTier', {
      vpc: network.vpc,
      capacity: web.capacity,
      instanceType: web.aws.instanceType,
      certificate: new acm.Certificate(this, 'OriginCertificate', {
        domainName: originDomain,
        validation: acm.CertificateValidation.fromDns(zone),
      }),
      accessLogBucket: accessLogs.bucket,
      requiredHeader: { name: originVerify.headerName, value: originVerify.headerValue },
      instanceRole,
    });
    new route53.ARecord(this, 'OriginAlias', {
      zone,
      recordName: originDomain,
      target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(webTier.loadBalancer)),
    });

    const assets = new StaticSiteBucket(this, 'StaticAssets', { accessLogBucket: accessLogs.bucket });
    const cdn = new CdnDistribution(this, 'Cdn', {
      domainName: web.domain,
      certificate: edge.certificate,
      webAclArn: edge.webAclArn,
      staticBucket: assets.bucket,
      dynamicOriginDomainName: originDomain,
      dynamicOriginHeaders: { [originVerify.headerName]: originVerify.headerValue },
      logBucket: cdnLogs.bucket,
      zone,
    });

    const cache = new RedisCache(this, 'Cache', {
      vpc: network.vpc,
      clientSecurityGroups: [webTier.instanceSecurityGroup],
      nodeType: web.aws.cacheNodeType,
      replicas: web.cache.replicas,
      multiAz: web.highAvailability,
    });
    cache.authToken.grantRead(instanceRole);

    new CfnOutput(this, 'SiteUrl', { value: `https://${web.domain}`, description: 'URL users reach' });
    new CfnOutput(this, 'DistributionDomainName', { value: cdn.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: cdn.distribution.distributionId });
    new CfnOutput(this, 'StaticAssetsBucketName', { value: assets.bucket.bucketName, description: 'Upload static assets here' });
    new CfnOutput(this, 'RedisPrimaryEndpoint', { value: `${cache.primaryEndpointAddress}:${cache.port}` });
    new CfnOutput(this, 'RedisAuthTokenSecretArn', { value: cache.authToken.secretArn });
  }
}

/** Adds the high-performance-web stacks for the spec: the us-east-1 edge stack and the site stack. */
export function addHighPerformanceWebStacks(app: App, spec: TwinstackSpec): Stack[] {
  const web = spec.architectures['high-performance-web'];
  if (web.highAvailability && web.cache.replicas < 1) {
    throw new Error('high-performance-web: highAvailability needs cache.replicas >= 1 (a replica in another zone to fail over to)');
  }
  const env = (region: string) => ({ account: spec.aws.account, region });

  const edgeName = stackName(spec, 'high-performance-web', 'edge');
  const edge = new HighPerformanceWebEdgeStack(app, edgeName, {
    stackName: edgeName,
    env: env(EDGE_REGION),
    description: `${web.domain}: CloudFront viewer certificate and WAF web ACL (us-east-1)`,
    crossRegionReferences: true,
    spec,
    web,
  });

  const siteName = stackName(spec, 'high-performance-web', 'site');
  const site = new HighPerformanceWebSiteStack(app, siteName, {
    stackName: siteName,
    env: env(web.aws.placement.region),
    description: `${web.domain}: CloudFront, web tier and Redis cache`,
    crossRegionReferences: true,
    spec,
    web,
    edge,
  });
  return [edge, site];
}

import { Duration, Validations } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface CdnDistributionProps {
  /** Name users reach; the distribution's alternate domain name. */
  readonly domainName: string;
  /** Certificate for `domainName`, issued in us-east-1. */
  readonly certificate: acm.ICertificate;
  /** ARN of a CLOUDFRONT-scope WAFv2 web ACL to attach. */
  readonly webAclArn: string;
  /** Bucket of static assets: the default behaviour's origin, read through Origin Access Control. */
  readonly staticBucket: s3.IBucket;
  /** DNS name of the dynamic origin (the load balancer's alias), reached over HTTPS only. */
  readonly dynamicOriginDomainName: string;
  /** Headers CloudFront adds to every dynamic-origin request (the origin-verify secret). @default - none */
  readonly dynamicOriginHeaders?: Record<string, string>;
  /** Path patterns served by the dynamic origin, uncached. @default ['/api/*'] */
  readonly dynamicPathPatterns?: readonly string[];
  /** Bucket for standard access logs; must accept ACLs (`LogBucket` with `allowCloudFrontLogDelivery`). */
  readonly logBucket: s3.IBucket;
  /** Key prefix of the access logs. @default cloudfront/ */
  readonly logPrefix?: string;
  /** Zone to create A and AAAA alias records for `domainName` in. @default - no records */
  readonly zone?: route53.IHostedZone;
  /** Edge locations used. @default PRICE_CLASS_100 (North America, Europe) */
  readonly priceClass?: cloudfront.PriceClass;
  /** Object returned for `/`. @default index.html */
  readonly defaultRootObject?: string;
}

/**
 * A CloudFront distribution with two origins: static assets from S3 (Origin Access Control,
 * optimised caching) by default, and a dynamic HTTPS origin for API paths (no caching, every viewer
 * header but Host forwarded, a secret header proving the request came through the CDN). Viewers get
 * TLS 1.2+ only, HTTP/2 and HTTP/3, compression and security response headers; WAF is attached and
 * standard access logs are on.
 */
export class CdnDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: CdnDistributionProps) {
    super(scope, id);
    const dynamicPathPatterns = props.dynamicPathPatterns ?? ['/api/*'];
    if (dynamicPathPatterns.length === 0) {
      throw new Error(`CdnDistribution ${id}: dynamicPathPatterns must name at least one path pattern`);
    }
    const badPattern = dynamicPathPatterns.find((pattern) => !pattern.startsWith('/') || pattern === '/*');
    if (badPattern !== undefined) {
      throw new Error(`CdnDistribution ${id}: dynamicPathPatterns must start with / and not be /* (the default behaviour), got "${badPattern}"`);
    }

    const viewer = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    };
    const dynamicOrigin = new origins.HttpOrigin(props.dynamicOriginDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: props.dynamicOriginHeaders,
      readTimeout: Duration.seconds(30),
    });
    const dynamicBehavior: cloudfront.BehaviorOptions = {
      ...viewer,
      origin: dynamicOrigin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${props.domainName}: static assets from S3, ${dynamicPathPatterns.join(', ')} from the origin`,
      domainNames: [props.domainName],
      certificate: props.certificate,
      webAclId: props.webAclArn,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      defaultRootObject: props.defaultRootObject ?? 'index.html',
      defaultBehavior: {
        ...viewer,
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.staticBucket),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: Object.fromEntries(dynamicPathPatterns.map((pattern) => [pattern, dynamicBehavior])),
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: props.logPrefix ?? 'cloudfront/',
      logIncludesCookies: false,
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public website for a worldwide audience: no country is out of scope. Abusive clients are handled ' +
        'by the attached WAF (IP reputation list, per-IP rate limit, managed rule groups).',
    });

    if (props.zone) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, 'AliasIpv4', { zone: props.zone, recordName: props.domainName, target });
      new route53.AaaaRecord(this, 'AliasIpv6', { zone: props.zone, recordName: props.domainName, target });
    }
  }
}

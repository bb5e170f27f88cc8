import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudCdnSiteArgs {
  /** Accelerated domain users reach, e.g. `www.example.com`. */
  readonly domainName: string;
  /** Private OSS bucket serving static content (primary origin). */
  readonly bucketName: pulumi.Input<string>;
  /** Region of the bucket, e.g. `cn-hangzhou`: builds the bucket's OSS origin domain. */
  readonly bucketRegion: string;
  /** DNS name of the dynamic origin (reached over HTTPS 443), e.g. the WAF- or ALB-fronted `origin.<domain>`. */
  readonly dynamicOriginDomain: pulumi.Input<string>;
  /**
   * Certificate Management Service certificate id for HTTPS at the edge.
   * @default - a free DigiCert DV certificate CDN issues once the domain's CNAME points at CDN
   */
  readonly certificateId?: string;
  /** Acceleration region: `domestic` and `global` need an ICP filing. @default global */
  readonly scope?: 'domestic' | 'overseas' | 'global';
  /** Labels on the domain. */
  readonly tags: Record<string, string>;
  /** Resource group of the domain. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A CDN-accelerated domain with two origins: a private OSS bucket (primary, fetched with CDN's
 * private-bucket back-to-origin authorisation, so the bucket never needs public read) and the
 * dynamic origin (secondary), HTTPS at the edge with HTTP forced to HTTPS, TLS 1.2+ and HTTP/2.
 * Pass a provider in `opts.provider`; children inherit it.
 */
export class AlicloudCdnSite extends pulumi.ComponentResource {
  readonly domain: alicloud.cdn.DomainNew;
  /** CNAME the site's DNS record must point at. */
  readonly cname: pulumi.Output<string>;

  constructor(name: string, args: AlicloudCdnSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CdnSite', name, {}, opts);
    if (!/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/.test(args.domainName)) {
      throw new Error(`AlicloudCdnSite ${name}: domainName must be a lower-case DNS name, got "${args.domainName}"`);
    }
    if (!/^[a-z]{2}-[a-z0-9-]+$/.test(args.bucketRegion)) {
      throw new Error(`AlicloudCdnSite ${name}: bucketRegion must be a region id such as cn-hangzhou, got "${args.bucketRegion}"`);
    }
    const child = { parent: this };
    this.domain = new alicloud.cdn.DomainNew(
      `${name}-domain`,
      {
        domainName: args.domainName,
        cdnType: 'web',
        scope: args.scope ?? 'global',
        sources: [
          // Priority 20 is the primary origin, 30 the backup; the dynamic paths are routed to the
          // second origin by a conditional-origin rule, which the provider does not model.
          { type: 'oss', content: pulumi.interpolate`${args.bucketName}.oss-${args.bucketRegion}.aliyuncs.com`, port: 443, priority: 20, weight: 10 },
          { type: 'domain', content: args.dynamicOriginDomain, port: 443, priority: 30, weight: 10 },
        ],
        certificateConfig: args.certificateId
          ? { certType: 'cas', certId: args.certificateId, serverCertificateStatus: 'on' }
          : { certType: 'free', serverCertificateStatus: 'on' },
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );
    this.cname = this.domain.cname;

    const config = (what: string, functionName: string, functionArgs: Record<string, string>) =>
      new alicloud.cdn.DomainConfig(
        `${name}-${what}`,
        {
          domainName: this.domain.domainName,
          functionName,
          functionArgs: Object.entries(functionArgs).map(([argName, argValue]) => ({ argName, argValue })),
        },
        child,
      );
    // Back-to-origin requests to the private bucket are signed with CDN's service role.
    config('private-oss', 'l2_oss_key', { private_oss_auth: 'on' });
    config('https-force', 'https_force', { enable: 'on', https_rediret_code: '301' });
    config('tls', 'https_tls_version', { tls10: 'off', tls11: 'off', tls12: 'on', tls13: 'on' });
    config('origin-https', 'forward_scheme', { enable: 'on', scheme_origin: 'https' });

    this.registerOutputs({ cname: this.cname });
  }
}

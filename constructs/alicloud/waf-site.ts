import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudWafSiteArgs {
  /** Domain WAF protects (matched on the Host header), e.g. `www.example.com`. */
  readonly domain: string;
  /** Origin DNS names WAF forwards to over HTTPS, e.g. the ALB's DNS name; 1 to 20. */
  readonly backends: readonly pulumi.Input<string>[];
  /** Certificate Management Service certificate id (`<id>-<region>`) for the HTTPS listener. */
  readonly certificateId: pulumi.Input<string>;
  /** Requests one client IP may send in 5 minutes before it is blocked; 1 or more. */
  readonly rateLimitPer5Minutes: number;
  /** Seconds a client over the limit stays blocked (60-86400). @default 600 */
  readonly blockSeconds?: number;
  /** Existing WAF 3.0 instance to add the domain to. @default - a new subscription instance */
  readonly instanceId?: pulumi.Input<string>;
  /** Labels on the domain (WAF instances and templates take none). */
  readonly tags: Record<string, string>;
  /** Resource group of the domain. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * WAF 3.0 in CNAME mode for one domain: HTTPS 443 only (TLS 1.2+, HTTP/2), forwarded to the
 * origins over HTTPS with the client IP in X-Forwarded-For, and a custom rule that blocks a client
 * IP sending more than `rateLimitPer5Minutes` requests in 300 seconds. Pass a provider whose region
 * is the WAF endpoint (cn-hangzhou for the Chinese mainland, ap-southeast-1 elsewhere).
 */
export class AlicloudWafSite extends pulumi.ComponentResource {
  readonly instanceId: pulumi.Output<string>;
  readonly domain: alicloud.wafv3.Domain;
  /** CNAME the protected name must resolve to so traffic passes WAF. */
  readonly cname: pulumi.Output<string>;

  constructor(name: string, args: AlicloudWafSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:WafSite', name, {}, opts);
    const fail = (field: string, rule: string) => {
      throw new Error(`AlicloudWafSite ${name}: ${field} ${rule}`);
    };
    if (!/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/.test(args.domain)) fail('domain', `must be a lower-case DNS name, got "${args.domain}"`);
    if (args.backends.length < 1 || args.backends.length > 20) fail('backends', `must list 1 to 20 origins, got ${args.backends.length}`);
    if (!Number.isInteger(args.rateLimitPer5Minutes) || args.rateLimitPer5Minutes < 1) fail('rateLimitPer5Minutes', 'must be a positive integer');
    const blockSeconds = args.blockSeconds ?? 600;
    if (!Number.isInteger(blockSeconds) || blockSeconds < 60 || blockSeconds > 86400) fail('blockSeconds', 'must be an integer from 60 to 86400');
    const child = { parent: this };

    this.instanceId = pulumi.output(args.instanceId ?? new alicloud.wafv3.Instance(`${name}-instance`, {}, child).id);
    this.domain = new alicloud.wafv3.Domain(
      `${name}-domain`,
      {
        instanceId: this.instanceId,
        domain: args.domain,
        accessType: 'share',
        listen: {
          httpsPorts: [443],
          certId: args.certificateId,
          tlsVersion: 'tlsv1.2',
          enableTlsv3: true,
          http2Enabled: true,
          // The client address comes from the X-Forwarded-For set by CDN in front.
          xffHeaderMode: 1,
        },
        redirect: {
          backends: [...args.backends],
          loadbalance: 'iphash',
          sniEnabled: true,
          sniHost: args.domain,
          keepalive: true,
          xffProto: true,
          connectTimeout: 5,
          readTimeout: 120,
          writeTimeout: 120,
        },
        tags: args.tags,
        resourceManagerResourceGroupId: args.resourceGroupId,
      },
      child,
    );
    this.cname = this.domain.cname;

    // WAF names a CNAME-mode domain's protected object `<domain>-waf`.
    const template = new alicloud.wafv3.DefenseTemplate(
      `${name}-rate-limit-template`,
      {
        instanceId: this.instanceId,
        defenseTemplateName: `${name}-rate-limit`.slice(0, 64),
        description: `Blocks a client IP above ${args.rateLimitPer5Minutes} requests per 5 minutes`,
        defenseScene: 'custom_acl',
        templateType: 'user_custom',
        templateOrigin: 'custom',
        status: '1',
        resources: [`${args.domain}-waf`],
      },
      { ...child, dependsOn: [this.domain] },
    );
    new alicloud.wafv3.DefenseRule(
      `${name}-rate-limit`,
      {
        instanceId: this.instanceId,
        defenseType: 'template',
        defenseScene: 'custom_acl',
        templateId: template.defenseTemplateId,
        ruleName: 'rate-limit-per-ip',
        ruleStatus: 1,
        config: {
          conditions: [{ key: 'URLPath', opValue: 'prefix-match', values: '/' }],
          ccStatus: 1,
          rateLimit: { target: 'remoteAddr', interval: 300, threshold: args.rateLimitPer5Minutes, ttl: blockSeconds },
          ruleAction: 'block',
        },
      },
      child,
    );

    this.registerOutputs({ instanceId: this.instanceId, cname: this.cname });
  }
}

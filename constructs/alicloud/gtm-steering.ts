import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/** One site DNS can send users to. */
export interface GtmSite {
  /** Short name of the site, used in resource and pool names (e.g. `primary`). */
  readonly name: string;
  /** DNS name users are sent to at this site (the site's load balancer). */
  readonly address: pulumi.Input<string>;
  /** Share of answers this site receives while both are healthy, 1 to 100. @default 1 */
  readonly weight?: number;
}

/** A probe location of the GTM health checks (codes from DescribeDnsGtmMonitorAvailableConfig). */
export interface GtmMonitorNode {
  /** City code of the probe location. */
  readonly cityCode: string;
  /** Carrier (ISP) code of the probe location. */
  readonly ispCode: string;
}

export interface AlicloudGtmSteeringArgs {
  /** Name users reach, e.g. `app.example.com`; must sit inside `zone`. */
  readonly domain: string;
  /** Public zone hosted in Alibaba Cloud DNS that holds `domain` and the GTM access name. */
  readonly zone: string;
  /** Sites answered for `domain`; two or more. */
  readonly sites: readonly GtmSite[];
  /** Path the HTTPS health check requests on each site, e.g. `/health`. */
  readonly healthCheckPath: string;
  /** Resource group of the GTM instance (GTM resources take no labels). @default - the account's default group */
  readonly resourceGroupId?: string;
  /** Answer TTL in seconds: 60, 120, 300 or 600. @default 60 */
  readonly ttl?: number;
  /** Probe locations of the health checks. @default one probe node (city 503, ISP 465) */
  readonly monitorNodes?: readonly GtmMonitorNode[];
  /** Consecutive failed probes before a site is withdrawn, 1 to 3. @default 2 */
  readonly failuresBeforeWithdrawal?: number;
}

const VALID_TTLS = [60, 120, 300, 600];

/**
 * Alibaba Cloud DNS GTM over two or more sites: a GTM instance answering for the domain, one
 * DOMAIN address pool per site (its load balancer's DNS name) with an HTTPS health check of the
 * site's health path, and one access strategy that keeps every site's pool active on the default
 * line, weighted, so users are spread over all healthy sites and a failed site is withdrawn. The
 * domain is pointed at the GTM access name by a CNAME in the zone. DNS is a global service; pass
 * any one regional provider in `opts.provider`.
 */
export class AlicloudGtmSteering extends pulumi.ComponentResource {
  readonly instance: alicloud.dns.GtmInstance;
  readonly pools: alicloud.dns.AddressPool[];
  readonly monitors: alicloud.dns.MonitorConfig[];
  readonly strategy: alicloud.dns.AccessStrategy;
  /** Name GTM answers on, which the domain is a CNAME of. */
  readonly accessName: string;

  constructor(name: string, args: AlicloudGtmSteeringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:GtmSteering', name, {}, opts);
    const ttl = args.ttl ?? 60;
    const failures = args.failuresBeforeWithdrawal ?? 2;
    const monitorNodes = args.monitorNodes ?? [{ cityCode: '503', ispCode: '465' }];
    if (args.sites.length < 2) throw new Error(`AlicloudGtmSteering ${name}: sites must list two or more sites, got ${args.sites.length}`);
    if (!args.domain.endsWith(`.${args.zone}`)) {
      throw new Error(`AlicloudGtmSteering ${name}: domain "${args.domain}" must be a name inside zone "${args.zone}"`);
    }
    if (!/^\/[A-Za-z0-9/_.-]*$/.test(args.healthCheckPath)) {
      throw new Error(`AlicloudGtmSteering ${name}: healthCheckPath must be an absolute URL path, got "${args.healthCheckPath}"`);
    }
    if (!VALID_TTLS.includes(ttl)) throw new Error(`AlicloudGtmSteering ${name}: ttl must be one of ${VALID_TTLS.join(', ')}, got ${ttl}`);
    if (!Number.isInteger(failures) || failures < 1 || failures > 3) {
      throw new Error(`AlicloudGtmSteering ${name}: failuresBeforeWithdrawal must be 1, 2 or 3, got ${failures}`);
    }
    if (monitorNodes.length === 0) throw new Error(`AlicloudGtmSteering ${name}: monitorNodes must list at least one probe node`);
    args.sites.forEach((site) => {
      const weight = site.weight ?? 1;
      if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
        throw new Error(`AlicloudGtmSteering ${name}: sites[${site.name}].weight must be an integer from 1 to 100, got ${weight}`);
      }
    });
    const child = { parent: this };

    // The access name is chosen (CUSTOM) rather than system-assigned so the domain's CNAME target
    // is known when the program runs, not only after the instance exists.
    const relative = args.domain.slice(0, -(args.zone.length + 1));
    const accessRr = `${relative}-gtm`;
    this.accessName = `${accessRr}.${args.zone}`;
    this.instance = new alicloud.dns.GtmInstance(
      `${name}-gtm`,
      {
        instanceName: name,
        packageEdition: 'standard',
        paymentType: 'Subscription',
        period: 12,
        renewalStatus: 'AutoRenewal',
        renewPeriod: 12,
        healthCheckTaskCount: 100,
        smsNotificationCount: 1000,
        strategyMode: 'GEO',
        cnameType: 'PUBLIC',
        publicCnameMode: 'CUSTOM',
        publicZoneName: args.zone,
        publicRr: accessRr,
        publicUserDomainName: args.domain,
        ttl,
        alertConfigs: ['ADDR_ALERT', 'ADDR_RESUME', 'ADDR_POOL_GROUP_UNAVAILABLE'].map((noticeType) => ({
          noticeType,
          emailNotice: true,
          smsNotice: false,
          dingtalkNotice: false,
        })),
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );

    this.pools = args.sites.map(
      (site) =>
        new alicloud.dns.AddressPool(
          `${name}-pool-${site.name}`,
          {
            addressPoolName: `${name}-${site.name}`,
            instanceId: this.instance.id,
            type: 'DOMAIN',
            lbaStrategy: 'ALL_RR',
            addresses: [
              {
                address: site.address,
                mode: 'SMART',
                // A DNS-name address has no source region of its own to rectify.
                attributeInfo: JSON.stringify({ lineCodeRectifyType: 'NO_NEED', lineCodes: ['default'] }),
                remark: `${site.name} site load balancer`,
              },
            ],
          },
          child,
        ),
    );

    this.monitors = args.sites.map(
      (site, i) =>
        new alicloud.dns.MonitorConfig(
          `${name}-health-${site.name}`,
          {
            addrPoolId: this.pools[i].id,
            protocolType: 'HTTPS',
            // Host and SNI carry the user-facing name so the site's certificate and routing match.
            monitorExtendInfo: JSON.stringify({ host: args.domain, path: args.healthCheckPath, port: 443, code: 400, failureRate: 50, sni: true, nodeType: 'IPV4' }),
            interval: 60,
            timeout: 5000,
            evaluationCount: failures,
            ispCityNodes: monitorNodes.map((node) => ({ cityCode: node.cityCode, ispCode: node.ispCode })),
          },
          child,
        ),
    );

    this.strategy = new alicloud.dns.AccessStrategy(
      `${name}-strategy`,
      {
        instanceId: this.instance.id,
        strategyName: `${name}-active-active`,
        strategyMode: 'GEO',
        lines: [{ lineCode: 'default' }],
        accessMode: 'DEFAULT',
        defaultAddrPoolType: 'DOMAIN',
        defaultLbaStrategy: 'RATIO',
        defaultMinAvailableAddrNum: 1,
        defaultAddrPools: this.pools.map((pool, i) => ({ addrPoolId: pool.id, lbaWeight: args.sites[i].weight ?? 1 })),
      },
      { parent: this, dependsOn: this.monitors },
    );

    new alicloud.dns.AlidnsRecord(
      `${name}-cname`,
      { domainName: args.zone, rr: relative, type: 'CNAME', value: this.accessName, ttl, remark: 'Steered by GTM over the dual-active sites' },
      { parent: this, dependsOn: [this.strategy] },
    );

    this.registerOutputs({ instanceId: this.instance.id, accessName: this.accessName });
  }
}

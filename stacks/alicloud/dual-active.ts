import * as pulumi from '@pulumi/pulumi';
import { DualActiveDatabase } from '../../constructs/alicloud/dual-active-database';
import { DualActiveSite } from '../../constructs/alicloud/dual-active-site';
import { AlicloudGtmSteering } from '../../constructs/alicloud/gtm-steering';
import type { TwinstackSpec } from '../spec';
import { labelsFor, regionalProvider } from './common';

export interface DualActiveArgs {
  /** The validated spec; this component reads `architectures['dual-active']`. */
  readonly spec: TwinstackSpec;
}

/**
 * Placeholders used when a site's certificate id is not in the stack config. ALB certificates are
 * regional and none can be issued offline, so the rendering names the config key to set;
 * `pulumi up` with a placeholder fails at the cloud API instead of serving without TLS.
 */
export const DUAL_ACTIVE_CERTIFICATE_PLACEHOLDERS = {
  primary: 'set-twinstack:dualActivePrimaryCertificateId-before-deploy',
  secondary: 'set-twinstack:dualActiveSecondaryCertificateId-before-deploy',
} as const;

/** Resolves nested outputs into the plain record operators read after `pulumi up`. */
function exposed(values: Record<string, unknown>): pulumi.Output<Record<string, unknown>> {
  return pulumi.output(values) as unknown as pulumi.Output<Record<string, unknown>>;
}

/**
 * Dual-active on Alibaba Cloud: two sites in two regions serve at once. Each site (its own
 * explicit regional provider) has a VPC over the spec's zones and an ALB + ESS web tier. Data is a
 * PolarDB global database network (a cluster per region, writes forwarded to the primary) or RDS
 * MySQL HA in the primary region. Alibaba Cloud DNS GTM answers for the domain with both sites'
 * load balancers, each withdrawn when its HTTPS health check on the spec's path fails.
 *
 * Differences from the AWS side: GTM spreads users by weight over healthy sites on the default
 * line rather than by measured latency; with `database: rds` the secondary region has no local
 * database (RDS read-only instances are same-region only).
 *
 * Stack config (`twinstack:` namespace, optional): `dualActivePrimaryCertificateId`,
 * `dualActiveSecondaryCertificateId` (`<id>-<region>` of a Certificate Management Service
 * certificate for the domain in each site's region).
 */
export class DualActive extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: DualActiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DualActive', name, {}, opts);
    const { spec } = args;
    const da = spec.architectures['dual-active'];
    const { primary, secondary } = da.alicloud;
    if (primary.region === secondary.region) {
      throw new Error(`dual-active: architectures.dual-active.alicloud.secondary.region must differ from primary.region (both ${primary.region})`);
    }
    const config = new pulumi.Config('twinstack');
    const tags = labelsFor(spec, 'dual-active');
    const resourceGroupId = spec.alicloud.resourceGroupId;

    const site = (role: 'primary' | 'secondary', cidr: string) => {
      const placement = da.alicloud[role];
      const provider = regionalProvider(this, `${name}-${placement.region}`, placement.region);
      const certificateKey = role === 'primary' ? 'dualActivePrimaryCertificateId' : 'dualActiveSecondaryCertificateId';
      const built = new DualActiveSite(
        `${name}-${role}`,
        {
          region: placement.region,
          zones: placement.zones,
          cidr,
          instanceType: da.alicloud.instanceType,
          minInstances: da.capacity.minInstances,
          maxInstances: da.capacity.maxInstances,
          targetCpuPercent: da.capacity.targetCpuPercent,
          healthCheckPath: da.healthCheckPath,
          certificateId: config.get(certificateKey) ?? DUAL_ACTIVE_CERTIFICATE_PLACEHOLDERS[role],
          tags,
          resourceGroupId,
        },
        { parent: this, provider },
      );
      return { site: built, provider };
    };
    const sites = { primary: site('primary', da.network.primaryCidr), secondary: site('secondary', da.network.secondaryCidr) };

    const databaseSite = (role: 'primary' | 'secondary') => {
      const { site: s, provider } = sites[role];
      return {
        provider,
        region: s.region,
        vpcId: s.network.vpc.id,
        dataSwitchIds: s.network.dataSwitches.map((d) => d.id),
        zones: s.zones,
        cidr: s.cidr,
      };
    };
    const database = new DualActiveDatabase(
      `${name}-data`,
      { engine: da.alicloud.database, primary: databaseSite('primary'), secondary: databaseSite('secondary'), tags, resourceGroupId },
      { parent: this },
    );

    // DNS is global; the GTM resources are managed through the primary region's provider.
    const steering = new AlicloudGtmSteering(
      `${name}-dns`,
      {
        domain: da.domain,
        zone: spec.dnsZone,
        healthCheckPath: da.healthCheckPath,
        sites: (['primary', 'secondary'] as const).map((role) => ({ name: role, address: sites[role].site.web.dnsName })),
        resourceGroupId,
      },
      { parent: this, provider: sites.primary.provider },
    );

    const siteOutput = (role: 'primary' | 'secondary') => {
      const s = sites[role].site;
      return {
        region: s.region,
        zones: s.zones,
        url: pulumi.interpolate`https://${s.web.dnsName}`,
        loadBalancerDnsName: s.web.dnsName,
        loadBalancerId: s.web.loadBalancer.id,
        scalingGroupId: s.web.scalingGroup.id,
        vpcId: s.network.vpc.id,
      };
    };
    this.outputs = exposed({
      url: `https://${da.domain}`,
      sites: { primary: siteOutput('primary'), secondary: siteOutput('secondary') },
      gtm: { instanceId: steering.instance.id, cname: steering.accessName, strategyId: steering.strategy.id },
      database: database.outputs,
    });
    this.registerOutputs(this.outputs);
  }
}

import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { GlobalTable } from '../../constructs/aws/global-table';
import { LatencyRecord } from '../../constructs/aws/latency-record';
import { LogBucket } from '../../constructs/aws/log-bucket';
import { Network } from '../../constructs/aws/network';
import { WebTier } from '../../constructs/aws/web-tier';
import type { TwinstackSpec } from '../spec';
import { resourcePrefix, stackName } from './naming';

type SiteRole = 'primary' | 'secondary';

/** What a site needs of the shared table: its name, and a grant in the site's own region. */
interface RegionalTable {
  readonly tableName: string;
  grantReadWriteData(grantee: iam.IGrantable): iam.Grant;
}

/** Name of the dual-active global table; the same in both regions. */
export function dualActiveTableName(spec: TwinstackSpec): string {
  return `${resourcePrefix(spec)}-dual-active`;
}

/**
 * One dual-active site: network, web tier behind HTTPS with its own regional certificate, access
 * logs, a latency-routed record for the shared domain withdrawn when the site's health check fails,
 * and read/write access for the instances to the table replica in the same region.
 */
class DualActiveSiteStack extends Stack {
  readonly webTier: WebTier;

  constructor(scope: Construct, spec: TwinstackSpec, role: SiteRole, tableFor: (stack: Stack) => RegionalTable) {
    const da = spec.architectures['dual-active'];
    const placement = da.aws[role];
    const name = stackName(spec, 'dual-active', role);
    super(scope, name, {
      stackName: name,
      env: { account: spec.aws.account, region: placement.region },
      description: `twinstack dual-active ${role} site (${placement.region}) for ${da.domain}`,
    });

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: spec.aws.hostedZoneId,
      zoneName: spec.dnsZone,
    });
    const network = new Network(this, 'Network', {
      cidr: role === 'primary' ? da.network.primaryCidr : da.network.secondaryCidr,
      zones: placement.zones,
    });
    const logs = new LogBucket(this, 'AccessLogs');
    // ALB certificates are regional: each site requests its own for the shared name.
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: da.domain,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `Dual-active ${role} site instances: read/write on the table replica in ${placement.region}`,
    });
    this.webTier = new WebTier(this, 'Web', {
      vpc: network.vpc,
      capacity: da.capacity,
      instanceType: da.aws.instanceType,
      certificate,
      accessLogBucket: logs.bucket,
      healthCheckPath: da.healthCheckPath,
      instanceRole,
    });
    const table = tableFor(this);
    table.grantReadWriteData(instanceRole);

    const entry = new LatencyRecord(this, 'Dns', {
      zone,
      recordName: da.domain,
      loadBalancer: this.webTier.loadBalancer,
      region: placement.region,
      healthCheckPath: da.healthCheckPath,
      requestIntervalSeconds: 30,
      failureThreshold: 3,
    });

    new CfnOutput(this, 'SiteUrl', { description: 'Address users reach (latency-routed)', value: `https://${da.domain}` });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'This site\'s load balancer',
      value: this.webTier.loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, 'HealthCheckId', {
      description: 'Route 53 health check that withdraws this site from DNS',
      value: entry.healthCheck.healthCheckId,
    });
    new CfnOutput(this, 'TableName', { description: 'Global table, replicated to both sites', value: table.tableName });
  }
}

/**
 * Adds the dual-active stacks: two sites serving at once, one per region, sharing a DynamoDB
 * global table whose home is the primary region, with DNS steering users to the nearest healthy site.
 */
export function addDualActiveStacks(app: App, spec: TwinstackSpec): Stack[] {
  const da = spec.architectures['dual-active'];
  const tableName = dualActiveTableName(spec);

  const primary = new DualActiveSiteStack(app, spec, 'primary', (stack) => {
    const globalTable = new GlobalTable(stack, 'Data', { tableName, replicaRegions: [da.aws.secondary.region] });
    return { tableName, grantReadWriteData: (grantee) => globalTable.grantReadWriteData(grantee) };
  });
  const secondary = new DualActiveSiteStack(app, spec, 'secondary', (stack) => {
    const replica = GlobalTable.replicaInRegion(stack, 'DataReplica', tableName);
    return { tableName, grantReadWriteData: (grantee) => replica.grantReadWriteData(grantee) };
  });
  // The replica exists only once the primary stack has created the global table.
  secondary.addStackDependency(primary, 'the DynamoDB replica in this region is created by the primary stack');
  return [primary, secondary];
}

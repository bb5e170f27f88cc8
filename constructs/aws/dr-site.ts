import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { FailoverAliasRecord } from './dr-failover-record';
import { LogBucket } from './log-bucket';
import { Network } from './network';
import { WebTier, WebTierCapacity } from './web-tier';

export interface DrWebSiteProps {
  /** IPv4 range of the site's VPC. */
  readonly cidr: string;
  /** Zones the site spans. */
  readonly zones: readonly string[];
  /** One NAT gateway per zone rather than one for the site. @default true */
  readonly natPerZone?: boolean;
  /** Size of the web tier; minInstances 0 keeps it cold until failover. */
  readonly capacity: WebTierCapacity;
  /** EC2 instance type of the web tier (arm64). */
  readonly instanceType: string;
  /** Public hosted zone the domain and its certificate validation live in. */
  readonly zone: route53.IHostedZone;
  /** Name users reach; the certificate covers it and the failover record answers for it. */
  readonly domainName: string;
  /** This site's side of the Route 53 failover pair. */
  readonly failover: route53.Failover;
}

/**
 * One site of a disaster-recovery pair: a VPC, an access-log bucket, a DNS-validated certificate
 * for the domain, the web tier behind it, and the site's health-checked failover record.
 */
export class DrWebSite extends Construct {
  readonly network: Network;
  readonly logBucket: LogBucket;
  readonly webTier: WebTier;
  readonly failoverRecord: FailoverAliasRecord;

  constructor(scope: Construct, id: string, props: DrWebSiteProps) {
    super(scope, id);
    this.network = new Network(this, 'Network', { cidr: props.cidr, zones: props.zones, natPerZone: props.natPerZone });
    this.logBucket = new LogBucket(this, 'AccessLogs');
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: acm.CertificateValidation.fromDns(props.zone),
    });
    this.webTier = new WebTier(this, 'Web', {
      vpc: this.network.vpc,
      capacity: props.capacity,
      instanceType: props.instanceType,
      certificate,
      accessLogBucket: this.logBucket.bucket,
    });
    this.failoverRecord = new FailoverAliasRecord(this, 'Failover', {
      zone: props.zone,
      domainName: props.domainName,
      failover: props.failover,
      loadBalancer: this.webTier.loadBalancer,
    });
  }
}

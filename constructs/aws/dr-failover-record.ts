import { Duration, Tags } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface FailoverAliasRecordProps {
  /** Hosted zone the record is created in. */
  readonly zone: route53.IHostedZone;
  /** Fully qualified name users reach, inside the zone. */
  readonly domainName: string;
  /** Whether this site answers first (PRIMARY) or only while the primary is unhealthy (SECONDARY). */
  readonly failover: route53.Failover;
  /** Load balancer the record aliases. */
  readonly loadBalancer: elbv2.ILoadBalancerV2;
  /** Path the health check requests over HTTPS. @default /health */
  readonly healthCheckPath?: string;
  /** Consecutive failed checks before the site counts as down. @default 3 */
  readonly failureThreshold?: number;
}

/**
 * One side of a Route 53 failover pair: an alias A record for the domain pointing at a load
 * balancer, gated by an HTTPS health check of that load balancer from Route 53's checkers.
 */
export class FailoverAliasRecord extends Construct {
  readonly healthCheck: route53.HealthCheck;
  readonly record: route53.ARecord;

  constructor(scope: Construct, id: string, props: FailoverAliasRecordProps) {
    super(scope, id);
    const zoneName = props.zone.zoneName.replace(/\.$/, '');
    if (props.domainName !== zoneName && !props.domainName.endsWith(`.${zoneName}`)) {
      throw new Error(`FailoverAliasRecord ${id}: domainName "${props.domainName}" must be inside the zone ${zoneName}`);
    }
    const healthCheckPath = props.healthCheckPath ?? '/health';
    if (!healthCheckPath.startsWith('/')) {
      throw new Error(`FailoverAliasRecord ${id}: healthCheckPath "${healthCheckPath}" must start with /`);
    }
    const failureThreshold = props.failureThreshold ?? 3;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10) {
      throw new Error(`FailoverAliasRecord ${id}: failureThreshold (${failureThreshold}) must be a whole number between 1 and 10`);
    }

    const role = props.failover === route53.Failover.PRIMARY ? 'primary' : 'secondary';
    // The check targets the load balancer itself, not the domain: probing the domain would follow
    // the failover record and test whichever site it currently points at.
    this.healthCheck = new route53.HealthCheck(this, 'HealthCheck', {
      type: route53.HealthCheckType.HTTPS,
      fqdn: props.loadBalancer.loadBalancerDnsName,
      port: 443,
      resourcePath: healthCheckPath,
      requestInterval: Duration.seconds(30),
      failureThreshold,
    });
    // Failover also evaluates the alias target: a load balancer with no healthy instance (a pilot
    // light not yet scaled up) is not failed over to, even if its listener answers.
    // Health checks are listed by id only; the Name tag is what the console and alarms show.
    Tags.of(this.healthCheck).add('Name', `${props.domainName} ${role}`);
    this.record = new route53.ARecord(this, 'Record', {
      zone: props.zone,
      recordName: `${props.domainName}.`,
      target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(props.loadBalancer, { evaluateTargetHealth: true })),
      failover: props.failover,
      setIdentifier: `${props.domainName}-${role}`,
      healthCheck: this.healthCheck,
    });
  }
}

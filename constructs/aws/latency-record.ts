import { Duration, Tags, Token } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface LatencyRecordProps {
  /** Hosted zone the record is written to. */
  readonly zone: route53.IHostedZone;
  /** Fully qualified name users resolve, inside the zone (e.g. app.example.com). */
  readonly recordName: string;
  /** Load balancer the record aliases to and the health check probes. */
  readonly loadBalancer: elbv2.ILoadBalancerV2;
  /** Region the load balancer runs in; Route 53 answers with the lowest-latency healthy region. */
  readonly region: string;
  /** Identifier unique among the records of this name. @default - the region */
  readonly setIdentifier?: string;
  /** Path the health check requests over HTTPS; must answer 2xx or 3xx. @default /health */
  readonly healthCheckPath?: string;
  /** Seconds between probes from each Route 53 checker: 10 or 30. @default 30 */
  readonly requestIntervalSeconds?: number;
  /** Consecutive failed (or passed) probes before the status flips, 1 to 10. @default 3 */
  readonly failureThreshold?: number;
}

/**
 * One site's entry in a latency-routed name: an HTTPS Route 53 health check on the site's load
 * balancer, and an alias A record to it that carries the region and the health check, so Route 53
 * stops answering with a site whose check fails and sends its users to the next-nearest one.
 */
export class LatencyRecord extends Construct {
  readonly healthCheck: route53.HealthCheck;
  readonly record: route53.ARecord;

  constructor(scope: Construct, id: string, props: LatencyRecordProps) {
    super(scope, id);
    const healthCheckPath = props.healthCheckPath ?? '/health';
    const requestIntervalSeconds = props.requestIntervalSeconds ?? 30;
    const failureThreshold = props.failureThreshold ?? 3;
    const setIdentifier = props.setIdentifier ?? props.region;
    const zoneName = props.zone.zoneName.replace(/\.$/, '');
    const recordName = props.recordName.replace(/\.$/, '');

    if (recordName !== zoneName && !recordName.endsWith(`.${zoneName}`)) {
      throw new Error(`LatencyRecord ${id}: recordName "${props.recordName}" must be inside the zone ${zoneName}`);
    }
    if (Token.isUnresolved(props.region) || props.region.length === 0) {
      throw new Error(`LatencyRecord ${id}: region must be a literal region code, such as eu-west-1`);
    }
    if (setIdentifier.length < 1 || setIdentifier.length > 128) {
      throw new Error(`LatencyRecord ${id}: setIdentifier must be 1-128 characters, got ${setIdentifier.length}`);
    }
    if (!healthCheckPath.startsWith('/')) {
      throw new Error(`LatencyRecord ${id}: healthCheckPath "${healthCheckPath}" must start with /`);
    }
    if (requestIntervalSeconds !== 10 && requestIntervalSeconds !== 30) {
      throw new Error(`LatencyRecord ${id}: requestIntervalSeconds must be 10 or 30, got ${requestIntervalSeconds}`);
    }
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10) {
      throw new Error(`LatencyRecord ${id}: failureThreshold must be an integer from 1 to 10, got ${failureThreshold}`);
    }

    // Probing the load balancer's own name (not the shared one) checks this site alone; Route 53
    // does not verify the certificate, so the mismatch with the site's name does not matter.
    this.healthCheck = new route53.HealthCheck(this, 'HealthCheck', {
      type: route53.HealthCheckType.HTTPS,
      fqdn: props.loadBalancer.loadBalancerDnsName,
      port: 443,
      resourcePath: healthCheckPath,
      requestInterval: Duration.seconds(requestIntervalSeconds),
      failureThreshold,
    });
    // The Route 53 console lists health checks by their Name tag.
    Tags.of(this.healthCheck).add('Name', `${recordName} ${setIdentifier}`);

    this.record = new route53.ARecord(this, 'Alias', {
      zone: props.zone,
      recordName: `${recordName}.`,
      target: route53.RecordTarget.fromAlias(
        // Also withdraw the site when the load balancer has no healthy targets, without waiting for
        // the external probes to fail.
        new targets.LoadBalancerTarget(props.loadBalancer, { evaluateTargetHealth: true }),
      ),
      region: props.region,
      setIdentifier,
      healthCheck: this.healthCheck,
    });
  }
}

import { Duration, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface WebTierCapacity {
  /** Instances always running. Zero keeps the tier cold (pilot light). */
  readonly minInstances: number;
  /** Upper bound for target tracking. */
  readonly maxInstances: number;
  /** Average CPU the scaling policy keeps the group at. */
  readonly targetCpuPercent: number;
}

/** A header the load balancer requires before it forwards a request (CDN-to-origin secret). */
export interface RequiredHeader {
  readonly name: string;
  /** Header value; pass a dynamic reference (Secrets Manager) so it never lands in the template. */
  readonly value: string;
}

export interface WebTierProps {
  readonly vpc: ec2.IVpc;
  readonly capacity: WebTierCapacity;
  /** EC2 instance type; an arm64 (Graviton) type such as t4g.small. */
  readonly instanceType: string;
  /** Certificate the HTTPS listener presents. */
  readonly certificate: acm.ICertificate;
  /** Bucket the load balancer writes access logs to (SSE-S3). */
  readonly accessLogBucket: s3.IBucket;
  /** Path of the health check the load balancer probes. @default /health */
  readonly healthCheckPath?: string;
  /** Only forward requests carrying this header; others get 403. @default - forward every request */
  readonly requiredHeader?: RequiredHeader;
  /** Topic for scaling notifications. @default - a new KMS-encrypted topic */
  readonly notificationTopic?: sns.ITopic;
  /** Role the instances run with; grant it what the application needs. @default - no role */
  readonly instanceRole?: iam.IRole;
}

/** Instance bootstrap: nginx answering the load balancer's health check path. */
function bootstrapCommands(healthCheckPath: string): string[] {
  return [
    'dnf install -y nginx',
    "cat > /etc/nginx/default.d/twinstack.conf <<'CONF'",
    `location = ${healthCheckPath} { access_log off; default_type text/plain; return 200 "ok\\n"; }`,
    'CONF',
    'systemctl enable --now nginx',
  ];
}

/**
 * The web tier: an internet-facing Application Load Balancer (HTTPS only, TLS 1.2+, access logs,
 * invalid headers dropped) in front of an Auto Scaling group of Amazon Linux 2023 arm64 instances in
 * private subnets (IMDSv2, encrypted root volume), scaled by CPU target tracking. Instances run
 * nginx with a `/health` endpoint; replace the user data with the application.
 */
export class WebTier extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly instanceSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    super(scope, id);
    const { capacity } = props;
    if (capacity.minInstances > capacity.maxInstances) {
      throw new Error(`WebTier ${id}: minInstances (${capacity.minInstances}) must not exceed maxInstances (${capacity.maxInstances})`);
    }
    const healthCheckPath = props.healthCheckPath ?? '/health';
    if (!/^\/[A-Za-z0-9/_.-]*$/.test(healthCheckPath)) {
      throw new Error(`WebTier ${id}: healthCheckPath must be an absolute URL path, got "${healthCheckPath}"`);
    }

    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: 'Web entry point: HTTPS from anywhere, HTTP only to redirect to HTTPS',
      allowAllOutbound: false,
    });
    lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from clients');
    lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    Validations.of(lbSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'Internet-facing load balancer: clients connect from any address; only 443 and the 80-to-443 redirect are open.',
    });

    this.instanceSecurityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.vpc,
      description: 'Web instances: HTTP from the load balancer only',
      allowAllOutbound: true,
    });
    this.instanceSecurityGroup.addIngressRule(lbSecurityGroup, ec2.Port.tcp(80), 'HTTP from the load balancer');
    lbSecurityGroup.addEgressRule(this.instanceSecurityGroup, ec2.Port.tcp(80), 'HTTP to the instances');

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      securityGroup: lbSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
      deletionProtection: true,
    });
    this.loadBalancer.logAccessLogs(props.accessLogBucket, 'alb');

    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      securityGroup: this.instanceSecurityGroup,
      requireImdsv2: true,
      detailedMonitoring: true,
      role: props.instanceRole,
      userData: ec2.UserData.forLinux(),
      blockDevices: [
        { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) },
      ],
    });
    launchTemplate.userData?.addCommands(...bootstrapCommands(healthCheckPath));

    const topic =
      props.notificationTopic ??
      new sns.Topic(this, 'ScalingEvents', {
        masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
        enforceSSL: true,
      });

    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Instances', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: capacity.minInstances,
      maxCapacity: capacity.maxInstances,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.minutes(5),
      }),
      notifications: [{ topic }],
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({ maxBatchSize: 1, minInstancesInService: capacity.minInstances > 0 ? 1 : 0 }),
    });
    this.autoScalingGroup.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: capacity.targetCpuPercent,
    });

    this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: props.requiredHeader
        ? elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' })
        : undefined,
    });
    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc: props.vpc,
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.autoScalingGroup],
      healthCheck: { path: healthCheckPath, healthyHttpCodes: '200', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    if (props.requiredHeader) {
      this.httpsListener.addTargetGroups('FromCdn', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.httpHeader(props.requiredHeader.name, [props.requiredHeader.value])],
        targetGroups: [targetGroup],
      });
    } else {
      this.httpsListener.addTargetGroups('Default', { targetGroups: [targetGroup] });
    }
  }
}

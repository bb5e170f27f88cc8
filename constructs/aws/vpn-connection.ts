import { Duration, RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface VpnConnectionProps {
  /** Transit gateway the connection terminates on. */
  readonly transitGatewayId: string;
  /** Public IPv4 address of the on-premises VPN device. */
  readonly customerGatewayIp: string;
  /** BGP ASN of the on-premises VPN device. */
  readonly customerGatewayAsn: number;
  /** Inside ranges of the two tunnels: distinct /30 blocks of 169.254.0.0/16 that AWS does not reserve. */
  readonly tunnelInsideCidrs: readonly string[];
  /** Length of each generated pre-shared key, 8-64. @default 32 */
  readonly preSharedKeyLength?: number;
  /** How long tunnel (IKE, IPsec, DPD) and BGP logs are kept. @default 90 days */
  readonly logRetention?: logs.RetentionDays;
  /** Name tag of the customer gateway and the VPN connection. @default - the construct path */
  readonly name?: string;
}

/** Inside ranges AWS keeps for itself on VPN tunnels. */
const RESERVED_INSIDE_CIDRS = [0, 1, 2, 3, 4, 5].map((third) => `169.254.${third}.0/30`).concat('169.254.169.252/30');
const LINK_LOCAL_SLASH_30 = /^169\.254\.(\d{1,3})\.(\d{1,3})\/30$/;

/** Algorithms both sides may propose; anything weaker (SHA1, DH 2/5, DH 22-24 with their small subgroups) is left out. */
const ENCRYPTION = ['AES256-GCM-16', 'AES256'];
const INTEGRITY = ['SHA2-256', 'SHA2-384', 'SHA2-512'];
const DH_GROUPS = [14, 15, 16, 19, 20, 21];

function insideCidrProblem(cidr: string): string | undefined {
  const match = LINK_LOCAL_SLASH_30.exec(cidr);
  if (!match) return 'must be a /30 of 169.254.0.0/16';
  const [third, fourth] = [Number(match[1]), Number(match[2])];
  if (third > 255 || fourth > 255 || fourth % 4 !== 0) return 'must be a /30 of 169.254.0.0/16 on a /30 boundary';
  if (RESERVED_INSIDE_CIDRS.includes(cidr)) return 'is reserved by AWS';
  return undefined;
}

/**
 * A site-to-site IPsec VPN from a transit gateway to one on-premises device: the customer gateway,
 * and a connection of two tunnels (one per AWS endpoint) running BGP, IKEv2 only with AES-256 and
 * SHA-2, pre-shared keys generated in Secrets Manager, and tunnel and BGP logs in CloudWatch Logs.
 */
export class VpnConnection extends Construct {
  readonly customerGateway: ec2.CfnCustomerGateway;
  readonly connection: ec2.CfnVPNConnection;
  /** One secret per tunnel, in tunnel order, holding that tunnel's pre-shared key. */
  readonly preSharedKeys: readonly secretsmanager.Secret[];
  readonly logGroup: logs.LogGroup;
  readonly vpnConnectionId: string;

  constructor(scope: Construct, id: string, props: VpnConnectionProps) {
    super(scope, id);
    const insideCidrs = props.tunnelInsideCidrs;
    if (insideCidrs.length !== 2) {
      throw new Error(`VpnConnection ${id}: tunnelInsideCidrs must hold exactly two ranges, one per tunnel (got ${insideCidrs.length})`);
    }
    insideCidrs.forEach((cidr) => {
      const problem = insideCidrProblem(cidr);
      if (problem) throw new Error(`VpnConnection ${id}: tunnelInsideCidrs entry ${cidr} ${problem}`);
    });
    if (insideCidrs[0] === insideCidrs[1]) throw new Error(`VpnConnection ${id}: tunnelInsideCidrs must differ`);
    const asn = props.customerGatewayAsn;
    if (!Number.isInteger(asn) || asn < 1 || asn > 4294967294) {
      throw new Error(`VpnConnection ${id}: customerGatewayAsn (${asn}) must be an ASN between 1 and 4294967294`);
    }
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(props.customerGatewayIp) || props.customerGatewayIp.split('.').some((octet) => Number(octet) > 255)) {
      throw new Error(`VpnConnection ${id}: customerGatewayIp "${props.customerGatewayIp}" must be an IPv4 address`);
    }
    const keyLength = props.preSharedKeyLength ?? 32;
    if (!Number.isInteger(keyLength) || keyLength < 8 || keyLength > 64) {
      throw new Error(`VpnConnection ${id}: preSharedKeyLength (${keyLength}) must be an integer from 8 to 64`);
    }
    const name = props.name ?? this.node.path;

    this.customerGateway = new ec2.CfnCustomerGateway(this, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: props.customerGatewayIp,
      // bgpAsn takes 1-2147483647; larger (4-byte private) ASNs go in bgpAsnExtended.
      ...(asn <= 2147483647 ? { bgpAsn: asn } : { bgpAsnExtended: asn }),
    });
    Tags.of(this.customerGateway).add('Name', name);

    this.preSharedKeys = insideCidrs.map((_, i) => {
      const secret = new secretsmanager.Secret(this, `Tunnel${i + 1}PreSharedKey`, {
        description: `${name}: pre-shared key of VPN tunnel ${i + 1}; configure the same key on the on-premises device`,
        // AWS accepts 8-64 letters, digits, '.' and '_', not starting with '0'. Punctuation is
        // excluded outright and so is the digit 0, which is the only way to rule out a leading
        // zero with a generator that cannot constrain the first character.
        generateSecretString: { passwordLength: keyLength, excludePunctuation: true, excludeCharacters: '0', includeSpace: false },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A tunnel pre-shared key must change on the AWS endpoint and the on-premises device in the same ' +
          'maintenance window; a rotation Lambda can only change one side and would take the tunnel down. ' +
          'Keys are rotated as a planned change that updates the secret, the tunnel (ModifyVpnTunnelOptions) ' +
          'and the device together, one tunnel at a time so the other keeps carrying traffic.',
      });
      return secret;
    });

    this.logGroup = new logs.LogGroup(this, 'TunnelLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.connection = new ec2.CfnVPNConnection(this, 'Connection', {
      type: 'ipsec.1',
      transitGatewayId: props.transitGatewayId,
      customerGatewayId: this.customerGateway.attrCustomerGatewayId,
      // Routes are exchanged by BGP over the tunnels, so a failed tunnel withdraws its routes.
      staticRoutesOnly: false,
      vpnTunnelOptionsSpecifications: insideCidrs.map((insideCidr, i) => ({
        tunnelInsideCidr: insideCidr,
        // A dynamic reference: CloudFormation resolves it at deployment, so the key never appears
        // in the template or the cloud assembly.
        preSharedKey: this.preSharedKeys[i].secretValue.unsafeUnwrap(),
        ikeVersions: [{ value: 'ikev2' }],
        phase1EncryptionAlgorithms: ENCRYPTION.map((value) => ({ value })),
        phase1IntegrityAlgorithms: INTEGRITY.map((value) => ({ value })),
        phase1DhGroupNumbers: DH_GROUPS.map((value) => ({ value })),
        phase1LifetimeSeconds: 28800,
        phase2EncryptionAlgorithms: ENCRYPTION.map((value) => ({ value })),
        phase2IntegrityAlgorithms: INTEGRITY.map((value) => ({ value })),
        phase2DhGroupNumbers: DH_GROUPS.map((value) => ({ value })),
        phase2LifetimeSeconds: 3600,
        // AWS brings the tunnel up and re-establishes it after dead-peer detection itself, rather
        // than waiting for the device to initiate.
        startupAction: 'start',
        dpdTimeoutAction: 'restart',
        dpdTimeoutSeconds: 30,
        logOptions: {
          cloudwatchLogOptions: {
            logEnabled: true,
            logGroupArn: this.logGroup.logGroupArn,
            logOutputFormat: 'json',
            bgpLogEnabled: true,
            bgpLogGroupArn: this.logGroup.logGroupArn,
            bgpLogOutputFormat: 'json',
          },
        },
      })),
    });
    Tags.of(this.connection).add('Name', name);
    this.vpnConnectionId = this.connection.attrVpnConnectionId;
  }

  /**
   * `AWS/VPN` `TunnelState` of the whole connection: 1 when every tunnel is up (BGP established),
   * 0 when none is, a fraction in between.
   */
  metricTunnelState(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/VPN',
      metricName: 'TunnelState',
      dimensionsMap: { VpnId: this.vpnConnectionId },
      period: Duration.minutes(5),
      statistic: cloudwatch.Stats.MAXIMUM,
      ...props,
    });
  }
}

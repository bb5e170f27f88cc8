import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { GlobalTable } from '../../../constructs/aws/global-table';
import { LatencyRecord } from '../../../constructs/aws/latency-record';
import { synthArchitecture, SynthesizedArchitecture } from '../../helpers/aws';
import { specWith } from '../../helpers/spec';

const PRIMARY = 'twinstack-prod-dual-active-primary';
const SECONDARY = 'twinstack-prod-dual-active-secondary';
const TABLE = 'twinstack-prod-dual-active';

function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** Every IAM policy statement in the template that allows a DynamoDB action. */
function dynamoStatements(template: Template): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')));
}

/** Region and point-in-time recovery of each replica of the template's only global table, by region. */
function replicas(template: Template): Array<{ region: string; pitr: boolean }> {
  const tables = Object.values<any>(template.findResources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  return tables[0].Properties.Replicas.map((replica: any) => ({
    region: replica.Region,
    pitr: replica.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true,
  })).sort((a: { region: string }, b: { region: string }) => a.region.localeCompare(b.region));
}

describe('dual-active on AWS', () => {
  let synth: SynthesizedArchitecture;
  let primary: Template;
  let secondary: Template;

  beforeAll(() => {
    synth = synthArchitecture('dual-active');
    primary = synth.templates[PRIMARY];
    secondary = synth.templates[SECONDARY];
  });

  it('renders one stack per site, in the spec regions, the secondary deployed after the primary', () => {
    expect(Object.keys(synth.templates).sort()).toEqual([PRIMARY, SECONDARY]);
    const [primaryStack, secondaryStack] = synth.stacks;
    expect([primaryStack.stackName, primaryStack.region, primaryStack.account]).toEqual([PRIMARY, 'eu-west-1', '111122223333']);
    expect([secondaryStack.stackName, secondaryStack.region, secondaryStack.account]).toEqual([SECONDARY, 'eu-central-1', '111122223333']);
    expect(secondaryStack.dependencies).toEqual([primaryStack]);
  });

  it('matches the primary stack snapshot', () => {
    expect(primary.toJSON()).toMatchSnapshot();
  });

  it('matches the secondary stack snapshot', () => {
    expect(secondary.toJSON()).toMatchSnapshot();
  });

  it('builds each site network from its own CIDR over the spec zones', () => {
    primary.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.10.0.0/16' });
    secondary.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    primary.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b' });
    secondary.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-central-1b' });
    for (const template of [primary, secondary]) template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  it('serves HTTPS at each site with a regional certificate for the domain validated in the hosted zone', () => {
    for (const template of [primary, secondary]) {
      template.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: 'app.example.com',
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
      template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '6' });
      template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({ InstanceType: 't4g.small' }),
      });
    }
  });

  it('replicates the table to the secondary region with point-in-time recovery on every replica', () => {
    primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: Match.arrayWith([Match.objectLike({ DeletionProtectionEnabled: true })]),
    });
    expect(replicas(primary)).toEqual([
      { region: 'eu-central-1', pitr: true },
      { region: 'eu-west-1', pitr: true },
    ]);
    for (const replica of Object.values<any>(primary.findResources('AWS::DynamoDB::GlobalTable'))[0].Properties.Replicas) {
      expect(replica.DeletionProtectionEnabled).toBe(true);
    }
    primary.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    secondary.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
  });

  it('probes each site load balancer over HTTPS on the health-check path', () => {
    for (const template of [primary, secondary]) {
      template.resourceCountIs('AWS::Route53::HealthCheck', 1);
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: Match.objectLike({
          Type: 'HTTPS',
          Port: 443,
          ResourcePath: '/health',
          FullyQualifiedDomainName: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'), 'DNSName'] },
          RequestInterval: 30,
          FailureThreshold: 3,
        }),
      });
    }
  });

  it('routes the domain by latency to both sites, each record withdrawn by its own health check', () => {
    const identifiers: string[] = [];
    for (const [template, region] of [[primary, 'eu-west-1'], [secondary, 'eu-central-1']] as const) {
      const records = template.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'app.example.com.', Type: 'A' } });
      expect(Object.keys(records)).toHaveLength(1);
      const record: any = Object.values(records)[0];
      expect(record.Properties).toMatchObject({
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        Region: region,
        SetIdentifier: region,
        HealthCheckId: { Ref: onlyLogicalId(template, 'AWS::Route53::HealthCheck') },
        AliasTarget: {
          EvaluateTargetHealth: true,
          HostedZoneId: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'), 'CanonicalHostedZoneID'] },
        },
      });
      identifiers.push(record.Properties.SetIdentifier);
    }
    expect(new Set(identifiers).size).toBe(2);
  });

  it('lets each site read and write only the table replica in its own region', () => {
    const expected: Array<[Template, unknown]> = [
      [primary, { 'Fn::GetAtt': [onlyLogicalId(primary, 'AWS::DynamoDB::GlobalTable'), 'Arn'] }],
      [secondary, `arn:aws:dynamodb:eu-central-1:111122223333:table/${TABLE}`],
    ];
    for (const [template, tableArn] of expected) {
      const statements = dynamoStatements(template);
      expect(statements).toHaveLength(1);
      expect(statements[0].Resource).toEqual(tableArn);
      expect(statements[0].Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']));
      expect(statements[0].Action.every((action: string) => !action.includes('*'))).toBe(true);
      // The policy's role is the one the instances run with.
      const profile = onlyLogicalId(template, 'AWS::IAM::InstanceProfile');
      template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({ IamInstanceProfile: { Arn: { 'Fn::GetAtt': [profile, 'Arn'] } } }),
      });
    }
  });

  it('outputs the site URL, load balancer name, health check id and table name', () => {
    for (const template of [primary, secondary]) {
      template.hasOutput('SiteUrl', { Value: 'https://app.example.com' });
      template.hasOutput('LoadBalancerDnsName', {
        Value: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'), 'DNSName'] },
      });
      template.hasOutput('HealthCheckId', { Value: { Ref: onlyLogicalId(template, 'AWS::Route53::HealthCheck') } });
      template.hasOutput('TableName', { Value: TABLE });
    }
  });

  it('moves the replica and the secondary site when aws.secondary.region changes', () => {
    const moved = synthArchitecture(
      'dual-active',
      specWith((input) => {
        input.architectures['dual-active'].aws.secondary = { region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] };
      }),
    );
    expect(moved.stacks[1].region).toBe('us-east-1');
    expect(replicas(moved.templates[PRIMARY])).toEqual([
      { region: 'eu-west-1', pitr: true },
      { region: 'us-east-1', pitr: true },
    ]);
    const movedSecondary = moved.templates[SECONDARY];
    movedSecondary.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'us-east-1a' });
    movedSecondary.hasResourceProperties('AWS::Route53::RecordSet', { Region: 'us-east-1', SetIdentifier: 'us-east-1' });
    expect(dynamoStatements(movedSecondary)[0].Resource).toBe(`arn:aws:dynamodb:us-east-1:111122223333:table/${TABLE}`);
  });

  it('follows the spec domain, health-check path and capacity', () => {
    const changed = synthArchitecture(
      'dual-active',
      specWith((input) => {
        const da = input.architectures['dual-active'];
        da.domain = 'shop.example.com';
        da.healthCheckPath = '/status';
        da.capacity = { minInstances: 3, maxInstances: 9, targetCpuPercent: 40 };
      }),
    );
    for (const template of Object.values(changed.templates)) {
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: Match.objectLike({ Type: 'HTTPS', ResourcePath: '/status' }),
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/status' });
      template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'shop.example.com.' });
      template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'shop.example.com' });
      template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '9' });
      template.hasOutput('SiteUrl', { Value: 'https://shop.example.com' });
    }
  });

  it('synthesizes identical templates every time', () => {
    const again = synthArchitecture('dual-active');
    for (const name of [PRIMARY, SECONDARY]) {
      expect(JSON.stringify(again.templates[name].toJSON())).toBe(JSON.stringify(synth.templates[name].toJSON()));
    }
  });
});

describe('dual-active building blocks refuse invalid props', () => {
  const stack = () => new Stack(new App(), 'Site', { env: { account: '111122223333', region: 'eu-west-1' } });

  it('refuses a global table without a replica region, or with its own region as a replica', () => {
    expect(() => new GlobalTable(stack(), 'Data', { tableName: TABLE, replicaRegions: [] })).toThrow(/replicaRegions must name at least one region/);
    expect(() => new GlobalTable(stack(), 'Data', { tableName: TABLE, replicaRegions: ['eu-west-1'] })).toThrow(/must not include the stack's own region/);
    expect(() => new GlobalTable(stack(), 'Data', { tableName: 'a b', replicaRegions: ['eu-central-1'] })).toThrow(/tableName "a b"/);
  });

  it('refuses a latency record outside its zone or with an unsupported probe interval', () => {
    const site = stack();
    const zone = route53.HostedZone.fromHostedZoneAttributes(site, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.com' });
    const loadBalancer = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(site, 'Alb', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1',
      securityGroupId: 'sg-1',
      loadBalancerDnsName: 'web-1.eu-west-1.elb.amazonaws.com',
      loadBalancerCanonicalHostedZoneId: 'Z32O12XQLNTSW2',
    });
    const base = { zone, loadBalancer, region: 'eu-west-1' };
    expect(() => new LatencyRecord(site, 'Outside', { ...base, recordName: 'app.example.org' })).toThrow(/must be inside the zone example.com/);
    expect(() => new LatencyRecord(site, 'Fast', { ...base, recordName: 'app.example.com', requestIntervalSeconds: 5 })).toThrow(
      /requestIntervalSeconds must be 10 or 30/,
    );
    expect(() => new LatencyRecord(site, 'Path', { ...base, recordName: 'app.example.com', healthCheckPath: 'health' })).toThrow(
      /healthCheckPath "health" must start with \//,
    );
  });
});

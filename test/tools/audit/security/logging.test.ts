import { loggingChanges } from '../../../../tools/audit/security/logging';
import { ali, cfn, pair, sideWithout, summary } from '../fixtures';

const check = (before: any, after: any, head = sideWithout()) => summary(loggingChanges.check(pair(before, after, head)));

describe('logging turned off or on', () => {
  it('reports S3 access logging and CloudFront logging removed', () => {
    expect(check(cfn('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } }), cfn('AWS::S3::Bucket', {}))).toEqual([
      '!turned off @Properties.LoggingConfiguration: S3 server access logging ({"DestinationBucketName":{"Ref":"Logs"}} → absent)',
    ]);
    const distribution = (logging?: unknown) => cfn('AWS::CloudFront::Distribution', { DistributionConfig: { Enabled: true, ...(logging ? { Logging: logging } : {}) } });
    expect(check(distribution({ Bucket: 'logs.s3.amazonaws.com' }), distribution())).toEqual([
      '!turned off @Properties.DistributionConfig.Logging: CloudFront access logging ({"Bucket":"logs.s3.amazonaws.com"} → absent)',
    ]);
  });

  it('reports load balancer access logs switched off through its attribute list', () => {
    const alb = (enabled: string) => cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: enabled }] });
    expect(check(alb('true'), alb('false'))).toEqual(['!turned off @Properties.LoadBalancerAttributes[Key=access_logs.s3.enabled].Value: load balancer access logging (true → false)']);
  });

  it('reports a VPC flow log removed while its VPC stays, and not when the VPC goes too', () => {
    const flowLog = cfn('AWS::EC2::FlowLog', { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL' });
    expect(check(flowLog, undefined)).toEqual(['!turned off: VPC flow log of Vpc (resource removed)']);
    expect(check(flowLog, undefined, sideWithout('{"Ref":"Vpc"}'))).toEqual([]);
  });

  it('reports an Alibaba flow log deactivated or removed, and OSS bucket logging removed', () => {
    const flowLog = (status: string) => ali('vpc/flowLog:FlowLog', { resourceId: 'vpc.id', resourceType: 'VPC', status });
    expect(check(flowLog('Active'), flowLog('Inactive'))).toEqual(['!turned off @inputs.status: VPC flow log (Active → Inactive)']);
    expect(check(flowLog('Active'), undefined)).toEqual(['!turned off: VPC flow log of vpc.id (resource removed)']);
    expect(check(ali('oss/bucketLogging:BucketLogging', { bucket: 'site', targetBucket: 'logs' }), undefined)).toEqual([
      '!turned off: OSS access logging of site (resource removed)',
    ]);
  });
});

import { policyChanges } from '../../../../tools/audit/security/policy';
import { ali, cfn, pair, summary } from '../fixtures';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const iamPolicy = (...statements: unknown[]) => cfn('AWS::IAM::Policy', { PolicyDocument: doc(...statements), Roles: [{ Ref: 'Role' }] });
const ramPolicy = (...statements: unknown[]) => ali('ram/policy:Policy', { policyName: 'p', policyDocument: JSON.stringify({ Version: '1', Statement: statements }) });
const check = (before: any, after: any) => summary(policyChanges.check(pair(before, after)));

describe('policy statements widened or narrowed', () => {
  it('reports an IAM action widened to a wildcard as widening, and not as narrowing', () => {
    expect(check(iamPolicy(allow('s3:GetObject', 'arn:aws:s3:::b/*')), iamPolicy(allow(['s3:GetObject', 's3:*'], 'arn:aws:s3:::b/*')))).toEqual([
      '!widened @Properties.PolicyDocument: Allow s3:* on arn:aws:s3:::b/*',
    ]);
  });

  it('does not report an action a wildcard already granted, and reports the wildcard narrowed to it', () => {
    expect(check(iamPolicy(allow('s3:*', '*')), iamPolicy(allow('S3:GetObject', '*')))).toEqual(['narrowed @Properties.PolicyDocument: no longer Allow s3:* on *']);
  });

  it('reports a resource widened to a wildcard, a condition dropped, and a deny removed as widening', () => {
    expect(check(iamPolicy(allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] })), iamPolicy(allow('kms:Decrypt', '*')))).toEqual([
      '!widened @Properties.PolicyDocument: Allow kms:Decrypt on *',
    ]);
    const conditional = allow('s3:PutObject', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    expect(check(iamPolicy(conditional), iamPolicy(allow('s3:PutObject', '*')))).toEqual(['!widened @Properties.PolicyDocument: Allow s3:PutObject on *']);
    const deny = { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' };
    expect(check(iamPolicy(allow('s3:*'), deny), iamPolicy(allow('s3:*')))).toEqual(['!widened @Properties.PolicyDocument: no longer Deny s3:DeleteObject on *']);
  });

  it('reports a role trust widened to any principal (which covers the old one) and an inline role policy added', () => {
    const role = (principal: unknown, policies: unknown[] = []) =>
      cfn('AWS::IAM::Role', { AssumeRolePolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }), Policies: policies });
    expect(check(role({ Service: 'ec2.amazonaws.com' }), role({ AWS: '*' }))).toEqual([
      '!widened @Properties.AssumeRolePolicyDocument: Allow sts:AssumeRole on * to *',
    ]);
    expect(check(role({ Service: 'ec2.amazonaws.com' }), role({ Service: 'ec2.amazonaws.com' }, [{ PolicyName: 'extra', PolicyDocument: doc(allow('ssm:*')) }]))).toEqual([
      '!widened @Properties.Policies[PolicyName=extra].PolicyDocument: Allow ssm:* on *',
    ]);
  });

  it('reports managed policies attached to a role and a policy attached to another role', () => {
    const role = (arns: string[]) => cfn('AWS::IAM::Role', { AssumeRolePolicyDocument: doc(), ManagedPolicyArns: arns });
    expect(check(role([]), role(['arn:aws:iam::aws:policy/AdministratorAccess']))).toEqual([
      '!widened @Properties.ManagedPolicyArns: attached: arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
    const attached = cfn('AWS::IAM::Policy', { PolicyDocument: doc(allow('s3:GetObject')), Roles: [{ Ref: 'Role' }, { Ref: 'Other' }] });
    expect(check(iamPolicy(allow('s3:GetObject')), attached)).toEqual(['!widened @Properties.Roles: attached: ${Other}']);
  });

  it('reports a new policy resource as widening and a removed one as narrowing', () => {
    expect(check(undefined, iamPolicy(allow('logs:PutLogEvents', 'arn:log')))).toEqual([
      '!widened @Properties.PolicyDocument: Allow logs:PutLogEvents on arn:log',
      '!widened @Properties.Roles: attached: ${Role}',
    ]);
    expect(check(iamPolicy(allow('logs:PutLogEvents')), undefined)).toEqual([
      'narrowed @Properties.PolicyDocument: no longer Allow logs:PutLogEvents on *',
      'narrowed @Properties.Roles: detached: ${Role}',
    ]);
  });

  it('reads RAM policy documents (JSON text) with the same rules', () => {
    expect(check(ramPolicy(allow(['oss:GetObject'], ['acs:oss:*:*:b/*'])), ramPolicy(allow(['oss:*'], ['acs:oss:*:*:*'])))).toEqual([
      '!widened @inputs.policyDocument: Allow oss:* on acs:oss:*:*:*',
    ]);
    expect(check(ramPolicy(allow(['oss:*'], ['acs:oss:*:*:*'])), ramPolicy(allow(['oss:GetObject'], ['acs:oss:*:*:b/*'])))).toEqual([
      'narrowed @inputs.policyDocument: no longer Allow oss:* on acs:oss:*:*:*',
    ]);
  });

  it('reports a RAM role trust and an OSS bucket policy opened to everyone', () => {
    const role = (principal: unknown) => ali('ram/role:Role', { assumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] }) });
    expect(check(role({ Service: ['fc.aliyuncs.com'] }), role({ RAM: ['acs:ram::123:root'], Service: ['fc.aliyuncs.com'] }))).toEqual([
      '!widened @inputs.assumeRolePolicyDocument: Allow sts:AssumeRole on * to RAM:acs:ram::123:root',
    ]);
    const bucketPolicy = (principal: unknown) => ali('oss/bucketPolicy:BucketPolicy', { bucket: 'b', policy: JSON.stringify({ Statement: [allow('oss:GetObject', 'acs:oss:*:*:b/*', { Principal: principal })] }) });
    expect(check(bucketPolicy(['123']), bucketPolicy(['*']))).toEqual([
      '!widened @inputs.policy: Allow oss:GetObject on acs:oss:*:*:b/* to *',
    ]);
  });

  it('reports a RAM policy attached to a role as widening and detached as narrowing', () => {
    const attachment = ali('ram/rolePolicyAttachment:RolePolicyAttachment', { policyName: 'AliyunOSSFullAccess', policyType: 'System', roleName: 'fc-role' });
    expect(check(undefined, attachment)).toEqual(['!widened: attached: System policy AliyunOSSFullAccess to fc-role']);
    expect(check(attachment, undefined)).toEqual(['narrowed: detached: System policy AliyunOSSFullAccess to fc-role']);
  });

  it('treats a change to a document it cannot read as widening', () => {
    const opaque = (text: string) => ali('ram/policy:Policy', { policyDocument: text });
    expect(check(opaque('[secret]'), opaque('{"Statement": '))).toEqual([
      '!widened @inputs.policyDocument: policy document changed and cannot be read as statements ({"Statement": )',
    ]);
  });

  it('reports nothing for a policy that only moved statements around', () => {
    const a = allow('s3:GetObject', 'arn:b');
    const b = allow('sqs:SendMessage', 'arn:q');
    expect(check(iamPolicy(a, b), iamPolicy(b, a))).toEqual([]);
  });
});

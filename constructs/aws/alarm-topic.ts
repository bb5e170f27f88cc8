import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * A TLS-only SNS topic for CloudWatch alarms, encrypted with its own rotating KMS key, created as
 * `TopicKey` and `Topic` children of `scope`. A customer managed key because CloudWatch cannot
 * publish to a topic under the AWS managed aws/sns key, whose policy cannot be changed to let it in.
 */
export function alarmTopic(scope: Construct, purpose: string): sns.Topic {
  const key = new kms.Key(scope, 'TopicKey', {
    description: `${scope.node.path}: encrypts ${purpose}`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      // In a key policy '*' is this key alone.
      resources: ['*'],
    }),
  );
  return new sns.Topic(scope, 'Topic', { masterKey: key, enforceSSL: true });
}

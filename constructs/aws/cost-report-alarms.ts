import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface CostReportAlarmsProps {
  /** Function behind `GET /cost/reports`. */
  readonly apiFunction: lambda.IFunction;
  /** Function of the weekly run. */
  readonly jobFunction: lambda.IFunction;
  /** Dead-letter queue of the weekly run. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Topic the service's alarms notify (its policy gets a statement for these alarms). */
  readonly topic: sns.ITopic;
}

/**
 * Alarms of the cost reports, on the service's alarm topic, on entering and leaving ALARM: the
 * weekly run failed, a run reached the dead-letter queue, the API function failed. Periods
 * without data count as healthy.
 */
export class CostReportAlarms extends Construct {
  /** Alarms by name: jobErrors, deadLetters, apiErrors. */
  readonly alarms: Record<string, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: CostReportAlarmsProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);
    const alarm = (name: string, description: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const errorsOf = (fn: lambda.IFunction) => fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period: fiveMinutes });
    this.alarms = {
      jobErrors: alarm('JobErrors', "The weekly cost report run failed: this week's report may be missing from the bucket.", errorsOf(props.jobFunction)),
      deadLetters: alarm(
        'DeadLetters',
        'A weekly cost report run failed every retry and waits in the dead-letter queue: rerun it once the cause is fixed.',
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: fiveMinutes }),
      ),
      apiErrors: alarm('ApiErrors', 'The cost report function failed requests to GET /cost/reports.', errorsOf(props.apiFunction)),
    };
    const action = new cloudwatchActions.SnsAction(props.topic);
    for (const each of Object.values(this.alarms)) {
      each.addAlarmAction(action);
      each.addOkAction(action);
    }
    // The topic admits only the alarms named in its policy.
    props.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CostReportAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': Object.values(this.alarms).map((each) => each.alarmArn) },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}

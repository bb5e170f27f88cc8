import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { alarmTopic } from './alarm-topic';

export interface ServiceDeskAlarmsProps {
  /** Invocations of the function that ended in an error. */
  readonly functionErrors: cloudwatch.IMetric;
  /** Invocations of the function Lambda refused for lack of concurrency. */
  readonly functionThrottles: cloudwatch.IMetric;
  /** Responses of the API with a 5xx status. */
  readonly apiServerErrors: cloudwatch.IMetric;
  /** Latency of the API's responses, in milliseconds. */
  readonly apiLatency: cloudwatch.IMetric;
  /** Table requests DynamoDB throttled. */
  readonly tableThrottles: cloudwatch.IMetric;
  /** p99 latency above which the API counts as slow. @default 3000 ms */
  readonly latencyP99ThresholdMs?: number;
  /** API 5xx responses in five minutes that raise the alarm. @default 5 */
  readonly serverErrorThreshold?: number;
  /** Address subscribed to the topic (it confirms by email). @default - no subscription */
  readonly email?: string;
}

/**
 * Alarms of the service desk, sent to a KMS-encrypted, TLS-only topic on entering and leaving
 * ALARM: function errors and throttles, API 5xx responses and p99 latency, table throttling.
 * Periods without data (no traffic) count as healthy.
 */
export class ServiceDeskAlarms extends Construct {
  /** Topic every alarm notifies; subscribe the on-call channel to it. */
  readonly topic: sns.Topic;
  /** Alarms by name: functionErrors, functionThrottles, apiServerErrors, apiLatencyP99, tableThrottles. */
  readonly alarms: Record<string, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: ServiceDeskAlarmsProps) {
    super(scope, id);
    const latencyMs = props.latencyP99ThresholdMs ?? 3000;
    const serverErrors = props.serverErrorThreshold ?? 5;
    if (!(latencyMs > 0)) throw new Error(`ServiceDeskAlarms ${id}: latencyP99ThresholdMs (${latencyMs}) must be above 0`);
    if (!Number.isInteger(serverErrors) || serverErrors < 1) {
      throw new Error(`ServiceDeskAlarms ${id}: serverErrorThreshold (${serverErrors}) must be a whole number, at least 1`);
    }

    this.topic = alarmTopic(this, 'service desk alarm notifications');
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    const fiveMinutes = Duration.minutes(5);
    const countAlarm = (name: string, description: string, metric: cloudwatch.IMetric, threshold: number) =>
      new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric: metric instanceof cloudwatch.Metric ? metric.with({ statistic: cloudwatch.Stats.SUM, period: fiveMinutes }) : metric,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        threshold,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.alarms = {
      functionErrors: countAlarm('FunctionErrors', 'The service desk function failed invocations: requests got errors instead of answers.', props.functionErrors, 1),
      functionThrottles: countAlarm('FunctionThrottles', 'Lambda refused service desk invocations: the function ran out of concurrency.', props.functionThrottles, 1),
      apiServerErrors: countAlarm('ApiServerErrors', `The service desk API answered ${serverErrors} or more requests with a 5xx status in five minutes.`, props.apiServerErrors, serverErrors),
      tableThrottles: countAlarm('TableThrottles', 'DynamoDB throttled requests to the ticket table.', props.tableThrottles, 1),
      apiLatencyP99: new cloudwatch.Alarm(this, 'ApiLatencyP99', {
        alarmDescription: `The slowest 1% of service desk API responses took over ${latencyMs} ms for fifteen minutes.`,
        metric: props.apiLatency instanceof cloudwatch.Metric ? props.apiLatency.with({ statistic: cloudwatch.Stats.p(99), period: fiveMinutes }) : props.apiLatency,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: latencyMs,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    };
    const action = new cloudwatchActions.SnsAction(this.topic);
    for (const alarm of Object.values(this.alarms)) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }

    // Only these alarms of this account may publish.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ServiceDeskAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': Object.values(this.alarms).map((alarm) => alarm.alarmArn) },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}

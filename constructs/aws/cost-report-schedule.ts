import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface CostReportScheduleProps {
  /** Schedule name, unique in the account's default schedule group. */
  readonly scheduleName: string;
  /** EventBridge Scheduler expression, e.g. `cron(0 6 ? * MON *)`. */
  readonly expression: string;
  /** IANA time zone the expression is read in. */
  readonly timeZone: string;
  /** Function the schedule invokes. */
  readonly target: lambda.IFunction;
  /** Retries of an invocation the scheduler could not deliver (0-185). @default 3 */
  readonly retryAttempts?: number;
  /** How long the scheduler keeps retrying one run. @default 1 hour */
  readonly maxEventAge?: Duration;
}

/**
 * The weekly run: an EventBridge Scheduler schedule in the default group that invokes the report
 * function with a retry policy, through a role that may invoke that function alone. Runs the
 * scheduler could not deliver, and (wired by the caller) runs the function failed on every retry,
 * land in an encrypted, TLS-only dead-letter queue kept 14 days.
 */
export class CostReportSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly deadLetterQueue: sqs.Queue;
  /** Role the scheduler assumes to invoke the target. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CostReportScheduleProps) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 3;
    const maxEventAge = props.maxEventAge ?? Duration.hours(1);
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 185) {
      throw new Error(`CostReportSchedule ${id}: retryAttempts (${retryAttempts}) must be a whole number from 0 to 185`);
    }
    if (maxEventAge.toSeconds() < 60 || maxEventAge.toSeconds() > 86400) {
      throw new Error(`CostReportSchedule ${id}: maxEventAge (${maxEventAge.toSeconds()} s) must be 1 minute to 24 hours`);
    }
    if (!/^cron\(.+\)$/.test(props.expression)) throw new Error(`CostReportSchedule ${id}: expression "${props.expression}" must be a cron(...) expression`);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedule target and of the function\'s asynchronous ' +
        'invocations (not of another queue, which the rule looks for); it has no consumer and is alarmed on depth.',
    });

    const stack = Stack.of(this);
    const scheduleArn = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `default/${props.scheduleName}` });
    this.role = new iam.Role(this, 'Role', {
      description: `EventBridge Scheduler: runs ${props.scheduleName}`,
      // The confused-deputy guard: only this schedule of this account may use the role.
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnEquals: { 'aws:SourceArn': scheduleArn } },
      }),
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'InvokeReportFunction', actions: ['lambda:InvokeFunction'], resources: [props.target.functionArn] }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));

    const target: scheduler.IScheduleTarget = {
      bind: () => ({
        arn: props.target.functionArn,
        role: this.role,
        retryPolicy: { maximumRetryAttempts: retryAttempts, maximumEventAgeInSeconds: maxEventAge.toSeconds() },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        // The run reports the weeks before its scheduled time, so a late retry reports the same weeks.
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      }),
    };
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      scheduleName: props.scheduleName,
      description: 'Weekly cost report (JSON and HTML) to the report bucket',
      schedule: scheduler.ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone)),
      target,
    });
  }
}

import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { alarmTopic } from './alarm-topic';

export interface VpnAlarmsProps {
  /** `TunnelState` of the VPN connection (1 all tunnels up, 0 none), e.g. `VpnConnection.metricTunnelState()`. */
  readonly tunnelState: cloudwatch.IMetric;
  /** Consecutive periods of the metric a tunnel must be down before the degraded alarm fires. @default 3 */
  readonly degradedPeriods?: number;
  /** Consecutive periods of the metric every tunnel must be down before the outage alarm fires. @default 2 */
  readonly outagePeriods?: number;
}

/**
 * Alarms on the tunnels of one VPN connection, sent to a KMS-encrypted, TLS-only topic: one when a
 * tunnel is down (the link runs without redundancy), one when every tunnel is down (on-premises is
 * cut off). Missing data counts as down: a connection that reports nothing is not known to be up.
 */
export class VpnAlarms extends Construct {
  /** Topic both alarms notify on entering and leaving ALARM; subscribe the on-call channel to it. */
  readonly topic: sns.Topic;
  readonly degradedAlarm: cloudwatch.Alarm;
  readonly outageAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: VpnAlarmsProps) {
    super(scope, id);
    const degradedPeriods = props.degradedPeriods ?? 3;
    const outagePeriods = props.outagePeriods ?? 2;
    for (const [prop, value] of Object.entries({ degradedPeriods, outagePeriods })) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`VpnAlarms ${id}: ${prop} (${value}) must be a whole number of periods, at least 1`);
    }

    this.topic = alarmTopic(this, 'VPN tunnel alarm notifications');

    const action = new cloudwatchActions.SnsAction(this.topic);
    this.degradedAlarm = new cloudwatch.Alarm(this, 'Degraded', {
      alarmDescription: 'A VPN tunnel is down: traffic to on-premises runs over one tunnel, without redundancy.',
      metric: props.tunnelState,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1,
      evaluationPeriods: degradedPeriods,
      datapointsToAlarm: degradedPeriods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.outageAlarm = new cloudwatch.Alarm(this, 'Outage', {
      alarmDescription: 'Every VPN tunnel is down: the on-premises network is unreachable from the cloud.',
      metric: props.tunnelState,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: 0,
      evaluationPeriods: outagePeriods,
      datapointsToAlarm: outagePeriods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    for (const alarm of [this.degradedAlarm, this.outageAlarm]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }

    // Only these two alarms of this account may publish.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'TunnelAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': [this.degradedAlarm.alarmArn, this.outageAlarm.alarmArn] },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}

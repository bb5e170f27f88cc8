import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Where the web ACL can be attached. */
export type WebAclScope = 'CLOUDFRONT' | 'REGIONAL';

export interface WebAclProps {
  /** Name of the web ACL, also the prefix of its metrics and log group. */
  readonly name: string;
  /** Requests one client IP may send in 5 minutes before it is blocked (10 to 2,000,000,000). */
  readonly rateLimitPer5Minutes: number;
  /** CLOUDFRONT (the stack must be in us-east-1) or REGIONAL (ALB, API Gateway). @default CLOUDFRONT */
  readonly scope?: WebAclScope;
  /** Send full request logs to a CloudWatch log group `aws-waf-logs-<name>`. @default true */
  readonly logging?: boolean;
  /** Days WAF logs are kept. @default 365 */
  readonly logRetentionDays?: logs.RetentionDays;
}

/** AWS managed rule groups every web ACL evaluates, in priority order after the IP reputation list. */
const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/** Headers that carry credentials: kept out of WAF logs. */
const REDACTED_HEADERS = ['authorization', 'cookie'];

/**
 * A WAFv2 web ACL that allows by default and blocks known-bad sources first (Amazon IP reputation
 * list), then clients over a per-IP rate, then requests the AWS common and known-bad-inputs rule
 * groups match. Every rule emits CloudWatch metrics and sampled requests; full logs go to
 * CloudWatch Logs with credential headers redacted.
 */
export class WebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** ARN to attach the web ACL with (CloudFront `webAclId`, or a regional association). */
  readonly webAclArn: string;
  /** Log group of full request logs, when logging is on. */
  readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const webAclScope = props.scope ?? 'CLOUDFRONT';
    const limit = props.rateLimitPer5Minutes;
    if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
      throw new Error(`WebAcl ${id}: rateLimitPer5Minutes must be an integer from 10 to 2,000,000,000, got ${limit}`);
    }
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(props.name)) {
      throw new Error(`WebAcl ${id}: name must be 1-100 of letters, digits, _ and -, got "${props.name}"`);
    }
    const region = Stack.of(this).region;
    if (webAclScope === 'CLOUDFRONT' && !Token.isUnresolved(region) && region !== 'us-east-1') {
      throw new Error(`WebAcl ${id}: scope CLOUDFRONT must be created in us-east-1, the stack is in ${region}`);
    }

    const visibility = (metric: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.name}-${metric}`,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: webAclScope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility('all'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        {
          name: 'RateLimitPerIp',
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit, evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        ...MANAGED_RULE_GROUPS.map((name, index) => managed(name, index + 2)),
      ],
    });
    this.webAclArn = this.webAcl.attrArn;

    if (props.logging ?? true) {
      // WAF only delivers to log groups whose name starts with `aws-waf-logs-`.
      const logGroupName = `aws-waf-logs-${props.name}`;
      this.logGroup = new logs.LogGroup(this, 'Logs', {
        logGroupName,
        retention: props.logRetentionDays ?? logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // WAF wants the log group ARN without the `:*` suffix `logGroupArn` carries.
      const logGroupArn = Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
        resourceArn: this.webAcl.attrArn,
        logDestinationConfigs: [logGroupArn],
        redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
      });
      logging.node.addDependency(this.logGroup);
    }
  }
}

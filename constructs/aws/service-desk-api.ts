import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ServiceDeskApiProps {
  /** API name. */
  readonly apiName: string;
  /** Function every route invokes (payload format 2.0). */
  readonly handler: lambda.IFunction;
  /** Pool whose tokens the authorizer accepts. */
  readonly userPool: cognito.IUserPool;
  /** App clients whose tokens the authorizer accepts (the token's `aud` / `client_id`). */
  readonly userPoolClients: cognito.IUserPoolClient[];
  /** Days the access log group keeps its entries (a value CloudWatch Logs accepts). */
  readonly accessLogRetentionDays: number;
  /** Steady-state requests per second across the stage. @default 50 */
  readonly rateLimitPerSecond?: number;
  /** Requests the stage accepts in a burst above the rate. @default 100 */
  readonly burstLimit?: number;
  /** Path of the unauthenticated health check (GET only). @default /health */
  readonly healthPath?: string;
}

/** Fields of one access log entry: who called what, how it ended, and where the time went. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  subject: '$context.authorizer.claims.sub',
};

/**
 * The service's HTTP API: `ANY /{proxy+}` behind a JWT authorizer on the Cognito user pool, and an
 * unauthenticated `GET <healthPath>`, both on one Lambda integration. One auto-deployed `$default`
 * stage with throttling and JSON access logs in their own log group.
 */
export class ServiceDeskApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Route that needs a token. */
  readonly proxyRoute: apigwv2.HttpRoute;
  /** Route that answers without one. */
  readonly healthRoute: apigwv2.HttpRoute;
  /** The JWT authorizer on the user pool, for further routes that need the same token. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: ServiceDeskApiProps) {
    super(scope, id);
    const rate = props.rateLimitPerSecond ?? 50;
    const burst = props.burstLimit ?? 100;
    const healthPath = props.healthPath ?? '/health';
    if (!(rate > 0)) throw new Error(`ServiceDeskApi ${id}: rateLimitPerSecond (${rate}) must be above 0`);
    if (!Number.isInteger(burst) || burst < 1) throw new Error(`ServiceDeskApi ${id}: burstLimit (${burst}) must be a whole number, at least 1`);
    if (!/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(healthPath)) {
      throw new Error(`ServiceDeskApi ${id}: healthPath "${healthPath}" must be a literal path such as /health (no parameters)`);
    }
    if (props.userPoolClients.length === 0) throw new Error(`ServiceDeskApi ${id}: userPoolClients must name at least one app client`);

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Service desk (ticketing) API',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: rate, burstLimit: burst },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    this.authorizer = new HttpUserPoolAuthorizer('UserPool', props.userPool, { userPoolClients: props.userPoolClients });
    [this.proxyRoute] = this.api.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration, authorizer: this.authorizer });
    [this.healthRoute] = this.api.addRoutes({ path: healthPath, methods: [apigwv2.HttpMethod.GET], integration });
    Validations.of(this.healthRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The health check answers load balancers and uptime probes, which hold no token; it returns only the ' +
        'service status, reads no ticket, and is throttled with the rest of the stage.',
    });
  }

  /** The stage's invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  get url(): string {
    return this.stage.url;
  }
}

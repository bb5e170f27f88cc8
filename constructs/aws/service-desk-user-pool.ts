import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/ticketing/model';

export interface ServiceDeskUserPoolProps {
  /** User pool name. */
  readonly userPoolName: string;
  /** Minimum password length (Cognito allows 6-99; below 12 is refused here). @default 14 */
  readonly minPasswordLength?: number;
}

/**
 * Who may call the service desk: a Cognito user pool with one group per role the application
 * knows (functions/ticketing/model.ts ROLES), which it reads from the tokens' `cognito:groups`
 * claim. Administrators create users (no self sign-up); sign-in needs a strong password and an
 * authenticator app; threat protection blocks risky sign-ins; the pool cannot be deleted by
 * accident. One public app client (SRP sign-in, no secret) issues the tokens the API accepts.
 */
export class ServiceDeskUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** Group per role, by role name. */
  readonly groups: Record<string, cognito.CfnUserPoolGroup>;

  constructor(scope: Construct, id: string, props: ServiceDeskUserPoolProps) {
    super(scope, id);
    const minLength = props.minPasswordLength ?? 14;
    if (!Number.isInteger(minLength) || minLength < 12 || minLength > 99) {
      throw new Error(`ServiceDeskUserPool ${id}: minPasswordLength (${minLength}) must be a whole number from 12 to 99`);
    }

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.groups = Object.fromEntries(
      ROLES.map((role) => [
        role,
        new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: role,
          description: `Service desk role "${role}", read by the API from the cognito:groups claim`,
        }),
      ]),
    );

    this.client = this.userPool.addClient('Client', {
      userPoolClientName: `${props.userPoolName}-app`,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}

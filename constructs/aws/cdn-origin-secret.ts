import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface CdnOriginSecretProps {
  /** Header CloudFront adds to every origin request and the load balancer requires. @default X-Origin-Verify */
  readonly headerName?: string;
  /** Length of the generated value (16-128; ALB header conditions take at most 128 characters). @default 64 */
  readonly length?: number;
}

/**
 * A generated shared secret that proves a request to the dynamic origin came through the CDN.
 * The value only ever appears in templates as a Secrets Manager dynamic reference, resolved by
 * CloudFormation at deployment, so it is never in the synthesized template or the CDK output.
 */
export class CdnOriginSecret extends Construct {
  readonly secret: secretsmanager.Secret;
  /** Name of the header that carries the value. */
  readonly headerName: string;
  /** `{{resolve:secretsmanager:...}}` reference to the value, for CloudFront and the ALB rule. */
  readonly headerValue: string;

  constructor(scope: Construct, id: string, props: CdnOriginSecretProps = {}) {
    super(scope, id);
    this.headerName = props.headerName ?? 'X-Origin-Verify';
    if (!/^[A-Za-z0-9-]{1,40}$/.test(this.headerName)) {
      throw new Error(`CdnOriginSecret ${id}: headerName must be 1-40 of letters, digits and dashes, got "${this.headerName}"`);
    }
    const length = props.length ?? 64;
    if (!Number.isInteger(length) || length < 16 || length > 128) {
      throw new Error(`CdnOriginSecret ${id}: length must be an integer from 16 to 128, got ${length}`);
    }

    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `Value of the ${this.headerName} header CloudFront sends to the dynamic origin`,
      // Letters and digits only: ALB header conditions treat * and ? as wildcards.
      generateSecretString: { passwordLength: length, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFormation resolves the value into the CloudFront origin header and the ALB listener rule when it ' +
        'updates them; an automatic rotation would change the secret without updating either and cut the site off. ' +
        'It is a CDN-to-origin token, not a data-store credential, and is changed by a deliberate deployment.',
    });
    this.headerValue = this.secret.secretValue.unsafeUnwrap();
  }
}

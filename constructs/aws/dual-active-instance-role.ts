import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { WebTier } from './web-tier';

export interface WebTierInstanceRoleProps {
  /** Web tier whose instances take this role. */
  readonly webTier: WebTier;
  /** What the role is for, shown in IAM. @default Web tier instances */
  readonly description?: string;
}

/**
 * An IAM role, with no policies of its own, given to a web tier's instances through an instance
 * profile, so a stack can grant them exactly what they need (e.g. one table in one region).
 *
 * TODO: retire once `WebTier` takes an `instanceRole` prop and passes it to its launch template;
 * until then the profile is set on the launch template's CloudFormation resource, because a
 * launch template created without a role cannot be given one afterwards through the L2.
 */
export class WebTierInstanceRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: WebTierInstanceRoleProps) {
    super(scope, id);
    const launchTemplate = props.webTier.node.tryFindChild('LaunchTemplate');
    if (!(launchTemplate instanceof ec2.LaunchTemplate)) {
      throw new Error(`WebTierInstanceRole ${id}: webTier ${props.webTier.node.path} has no LaunchTemplate child to attach the role to`);
    }
    if (launchTemplate.role) {
      throw new Error(`WebTierInstanceRole ${id}: webTier ${props.webTier.node.path} already has an instance role`);
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: props.description ?? 'Web tier instances',
    });
    const profile = new iam.InstanceProfile(this, 'Profile', { role: this.role });
    const cfn = launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate;
    cfn.addPropertyOverride('LaunchTemplateData.IamInstanceProfile.Arn', profile.instanceProfileArn);
  }
}

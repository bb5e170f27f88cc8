import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/** A RAM statement: actions and the resources they apply to. */
export interface RamPermission {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** What a function may do besides its own statements: write its logs. */
const LOG_ACTIONS = ['log:PostLogStoreLogs'];

/** A RAM policy document allowing `statements` (Alibaba's policy language, version 1). */
export function ramPolicyDocument(statements: readonly RamPermission[]): string {
  return JSON.stringify({
    Version: '1',
    Statement: statements.map((s) => ({ Effect: 'Allow', Action: [...s.actions].sort(), Resource: [...s.resources] })),
  });
}

export interface FcRoleArgs {
  /** Name of the function the role serves; the role is `<functionName>-role`, its policy `<functionName>-policy`. */
  readonly functionName: string;
  /** The role's description. */
  readonly description: string;
  /** Region of the function (for the logstore's ARN). */
  readonly region: string;
  /** SLS project and logstore the function logs to; writing there is granted. */
  readonly logs: { readonly project: pulumi.Input<string>; readonly logstore: pulumi.Input<string> };
  /** RAM statements granted besides writing the logs. */
  readonly permissions: readonly RamPermission[];
  /** Labels on the role. */
  readonly tags: Record<string, string>;
}

/** A function's role, its least-privilege policy, and the attachment the function must wait for. */
export interface FcRole {
  readonly role: alicloud.ram.Role;
  readonly policy: alicloud.ram.Policy;
  readonly attachment: alicloud.ram.RolePolicyAttachment;
}

/**
 * A RAM role only Function Compute may assume, holding exactly `permissions` and log delivery to
 * the function's logstore. Its resources (`<name>-role`, `<name>-policy`, `<name>-role-policy`)
 * are children of `parent`.
 */
export function fcExecutionRole(name: string, args: FcRoleArgs, parent: pulumi.Resource): FcRole {
  const child = { parent };
  const role = new alicloud.ram.Role(
    `${name}-role`,
    {
      roleName: `${args.functionName}-role`.slice(0, 64),
      description: args.description,
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
      }),
      tags: args.tags,
    },
    child,
  );
  const logStoreArn = pulumi.interpolate`acs:log:${args.region}:*:project/${args.logs.project}/logstore/${args.logs.logstore}`;
  const policy = new alicloud.ram.Policy(
    `${name}-policy`,
    {
      policyName: `${args.functionName}-policy`.slice(0, 128),
      description: `Least privilege of function ${args.functionName}`,
      policyDocument: logStoreArn.apply((logArn) => ramPolicyDocument([...args.permissions, { actions: LOG_ACTIONS, resources: [logArn] }])),
    },
    child,
  );
  const attachment = new alicloud.ram.RolePolicyAttachment(
    `${name}-role-policy`,
    { roleName: role.roleName.apply((value) => value ?? `${args.functionName}-role`), policyName: policy.policyName, policyType: 'Custom' },
    child,
  );
  return { role, policy, attachment };
}

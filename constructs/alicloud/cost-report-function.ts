import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { FC_NODE_RUNTIME, ramPolicyDocument } from './service-desk-function';

/** A RAM statement: actions and the resources they apply to. */
export interface RamPermission {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface CostReportFcFunctionArgs {
  /** Function name: letters, digits, `_` and `-`, starting with a letter or `_`, at most 64 characters. */
  readonly functionName: string;
  /** What the function does, for the console and the role's description. */
  readonly description: string;
  /** Exported name of the handler in the package's `index.js`, e.g. `handler` or `timerHandler`. */
  readonly handlerExport: string;
  /** Region of the function (for the log store's ARN). */
  readonly region: string;
  /** OSS bucket and key of the code package (a zip with `index.js`). */
  readonly code: { readonly bucketName: pulumi.Input<string>; readonly objectKey: pulumi.Input<string> };
  /** Environment variables of the function. */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** RAM statements granted to the function's role; writing its logs is added. */
  readonly permissions: readonly RamPermission[];
  /** SLS project and logstore the function logs to. */
  readonly logs: { readonly project: pulumi.Input<string>; readonly logstore: pulumi.Input<string> };
  /** Memory in MB, a multiple of 512; the function gets 1 vCPU per 1024 MB. @default 1024 */
  readonly memorySizeMb?: number;
  /** Longest run of one invocation, in seconds. @default 30 */
  readonly timeoutSeconds?: number;
  /** Labels on the function and the role. */
  readonly tags: Record<string, string>;
  /** Resource group of the function. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A cost report function on Function Compute 3.0: the built-in Node.js runtime, code from OSS,
 * logs to the given SLS logstore with request metrics, and a RAM role only FC may assume holding
 * exactly the given statements and log delivery to that logstore. Triggers are added by the caller.
 */
export class CostReportFcFunction extends pulumi.ComponentResource {
  readonly function: alicloud.fc.V3Function;
  readonly role: alicloud.ram.Role;
  readonly policy: alicloud.ram.Policy;

  constructor(name: string, args: CostReportFcFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CostReportFcFunction', name, {}, opts);
    const memorySize = args.memorySizeMb ?? 1024;
    const timeout = args.timeoutSeconds ?? 30;
    const fail = (field: string, rule: string) => {
      throw new Error(`CostReportFcFunction ${name}: ${field} ${rule}`);
    };
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(args.functionName)) fail('functionName', `"${args.functionName}" must be 1-64 of letters, digits, _ and -, starting with a letter or _`);
    if (!/^[A-Za-z_$][\w$]*$/.test(args.handlerExport)) fail('handlerExport', `"${args.handlerExport}" must be a JavaScript export name`);
    if (!Number.isInteger(memorySize) || memorySize % 512 !== 0 || memorySize < 512 || memorySize > 32768) fail('memorySizeMb', `(${memorySize}) must be a multiple of 512 from 512 to 32768`);
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400) fail('timeoutSeconds', `(${timeout}) must be a whole number of seconds from 1 to 86400`);
    const child = { parent: this };

    this.role = new alicloud.ram.Role(
      `${name}-role`,
      {
        roleName: `${args.functionName}-role`.slice(0, 64),
        description: `Assumed by Function Compute for ${args.functionName} (${args.description}): billing reads, its logs, nothing else`,
        assumeRolePolicyDocument: JSON.stringify({
          Version: '1',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
        }),
        tags: args.tags,
      },
      child,
    );
    const logStoreArn = pulumi.interpolate`acs:log:${args.region}:*:project/${args.logs.project}/logstore/${args.logs.logstore}`;
    this.policy = new alicloud.ram.Policy(
      `${name}-policy`,
      {
        policyName: `${args.functionName}-policy`.slice(0, 128),
        description: `Least privilege of function ${args.functionName}`,
        policyDocument: logStoreArn.apply((logArn) => ramPolicyDocument([...args.permissions, { actions: ['log:PostLogStoreLogs'], resources: [logArn] }])),
      },
      child,
    );
    const attachment = new alicloud.ram.RolePolicyAttachment(
      `${name}-role-policy`,
      { roleName: this.role.roleName.apply((value) => value ?? `${args.functionName}-role`), policyName: this.policy.policyName, policyType: 'Custom' },
      child,
    );

    this.function = new alicloud.fc.V3Function(
      `${name}-function`,
      {
        functionName: args.functionName,
        description: args.description,
        runtime: FC_NODE_RUNTIME,
        handler: `index.${args.handlerExport}`,
        code: { ossBucketName: args.code.bucketName, ossObjectName: args.code.objectKey },
        // FC 3.0 wants vCPU : memory GB between 1:1 and 1:4; 1:1 gives the most CPU per MB.
        cpu: memorySize / 1024,
        memorySize,
        diskSize: 512,
        timeout,
        role: this.role.arn,
        // The BSS OpenAPI and the token issuer's keys are public endpoints.
        internetAccess: true,
        environmentVariables: args.environment,
        logConfig: { project: args.logs.project, logstore: args.logs.logstore, enableRequestMetrics: true, enableInstanceMetrics: true, logBeginRule: 'DefaultRegex' },
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this, dependsOn: [attachment] },
    );
    this.registerOutputs({ functionName: this.function.functionName });
  }
}

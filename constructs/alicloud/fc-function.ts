import * as alicloud from '@pulumi/alicloud';
import type * as pulumi from '@pulumi/pulumi';
import type { FcRole } from './fc-role';

/** The newest Node.js runtime FC 3.0 offers built in. */
export const FC_NODE_RUNTIME = 'nodejs20';

export interface FcNodeFunctionArgs {
  /** Function name. */
  readonly functionName: string;
  /** What the function does, for the console. */
  readonly description: string;
  /** Exported name of the handler in the package's `index.js`. */
  readonly handlerExport: string;
  /** OSS bucket and key of the code package (a zip with `index.js`). */
  readonly code: { readonly bucketName: pulumi.Input<string>; readonly objectKey: pulumi.Input<string> };
  /** Memory in MB, a multiple of 512 (checked by the caller); the function gets 1 vCPU per 1024 MB. */
  readonly memorySize: number;
  /** Longest run of one invocation, in seconds. */
  readonly timeout: number;
  /** The function's role; the function waits for its policy to be attached. */
  readonly role: FcRole;
  /** Environment variables of the function. */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** SLS project and logstore the function logs to. */
  readonly logs: { readonly project: pulumi.Input<string>; readonly logstore: pulumi.Input<string> };
  /** Labels on the function. */
  readonly tags: Record<string, string>;
  /** Resource group of the function. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A function on Function Compute 3.0's built-in Node.js runtime (`<name>-function`, a child of
 * `parent`): code from OSS, internet access, logs to the given logstore with request and instance
 * metrics.
 */
export function fcNodeFunction(name: string, args: FcNodeFunctionArgs, parent: pulumi.Resource): alicloud.fc.V3Function {
  return new alicloud.fc.V3Function(
    `${name}-function`,
    {
      functionName: args.functionName,
      description: args.description,
      runtime: FC_NODE_RUNTIME,
      handler: `index.${args.handlerExport}`,
      code: { ossBucketName: args.code.bucketName, ossObjectName: args.code.objectKey },
      // FC 3.0 wants vCPU : memory GB between 1:1 and 1:4; 1:1 gives the most CPU per MB.
      cpu: args.memorySize / 1024,
      memorySize: args.memorySize,
      diskSize: 512,
      timeout: args.timeout,
      role: args.role.role.arn,
      // The token issuer's keys and the cloud's OpenAPIs (BSS) are public endpoints.
      internetAccess: true,
      environmentVariables: args.environment,
      logConfig: { project: args.logs.project, logstore: args.logs.logstore, enableRequestMetrics: true, enableInstanceMetrics: true, logBeginRule: 'DefaultRegex' },
      tags: args.tags,
      resourceGroupId: args.resourceGroupId,
    },
    { parent, dependsOn: [args.role.attachment] },
  );
}

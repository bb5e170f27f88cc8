import * as alicloud from '@pulumi/alicloud';
import type * as pulumi from '@pulumi/pulumi';
import type { FcRole } from './fc-role';

/** The newest Node.js runtime FC 3.0 offers built in. */
export const FC_NODE_RUNTIME = 'nodejs20';

/** What FC 3.0 accepts for a function's name, handler, memory and timeout. */
export interface FcFunctionSettings {
  readonly functionName: string;
  readonly handlerExport: string;
  readonly memorySize: number;
  readonly timeout: number;
}

/**
 * Checks `settings` against FC 3.0's limits, in field order; `fail(field, rule)` reports the first
 * one broken (fields named as the components' props: `memorySizeMb`, `timeoutSeconds`).
 */
export function checkFcFunctionSettings(settings: FcFunctionSettings, fail: (field: string, rule: string) => never): void {
  const { functionName, handlerExport, memorySize, timeout } = settings;
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(functionName)) fail('functionName', `"${functionName}" must be 1-64 of letters, digits, _ and -, starting with a letter or _`);
  if (!/^[A-Za-z_$][\w$]*$/.test(handlerExport)) fail('handlerExport', `"${handlerExport}" must be a JavaScript export name`);
  if (!Number.isInteger(memorySize) || memorySize % 512 !== 0 || memorySize < 512 || memorySize > 32768) fail('memorySizeMb', `(${memorySize}) must be a multiple of 512 from 512 to 32768`);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400) fail('timeoutSeconds', `(${timeout}) must be a whole number of seconds from 1 to 86400`);
}

export interface FcNodeFunctionArgs {
  /** Function name. */
  readonly functionName: string;
  /** What the function does, for the console. */
  readonly description: string;
  /** Exported name of the handler in the package's `index.js`. */
  readonly handlerExport: string;
  /** OSS bucket and key of the code package (a zip with `index.js`). */
  readonly code: { readonly bucketName: pulumi.Input<string>; readonly objectKey: pulumi.Input<string> };
  /** Memory in MB, a multiple of 512 (checked by the caller, `checkFcFunctionSettings`); the function gets 1 vCPU per 1024 MB. */
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

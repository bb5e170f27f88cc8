import type * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { checkFcFunctionSettings, fcNodeFunction } from './fc-function';
import { fcExecutionRole, type RamPermission } from './fc-role';

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
    checkFcFunctionSettings({ functionName: args.functionName, handlerExport: args.handlerExport, memorySize, timeout }, (field, rule) => {
      throw new Error(`CostReportFcFunction ${name}: ${field} ${rule}`);
    });

    const execution = fcExecutionRole(
      name,
      {
        functionName: args.functionName,
        description: `Assumed by Function Compute for ${args.functionName} (${args.description}): billing reads, its logs, nothing else`,
        region: args.region,
        logs: args.logs,
        permissions: args.permissions,
        tags: args.tags,
      },
      this,
    );
    this.role = execution.role;
    this.policy = execution.policy;
    this.function = fcNodeFunction(
      name,
      {
        functionName: args.functionName,
        description: args.description,
        handlerExport: args.handlerExport,
        code: args.code,
        memorySize,
        timeout,
        role: execution,
        environment: args.environment,
        logs: args.logs,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      this,
    );
    this.registerOutputs({ functionName: this.function.functionName });
  }
}

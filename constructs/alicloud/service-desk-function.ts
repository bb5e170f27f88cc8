import type * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import type { PublicJwk } from '../../stacks/spec/service-desk';
import { checkFcFunctionSettings, fcNodeFunction } from './fc-function';
import { fcHttpTrigger } from './fc-http-trigger';
import { fcLogs } from './fc-logs';
import { fcExecutionRole, type RamPermission } from './fc-role';

export interface ServiceDeskFcFunctionArgs {
  /** Function name: letters, digits, `_` and `-`, starting with a letter or `_`, at most 64 characters. */
  readonly functionName: string;
  /** Region of the function (for log ARNs). */
  readonly region: string;
  /** OSS bucket and key of the code package (a zip with `index.js` exporting `handler`). */
  readonly code: { readonly bucketName: pulumi.Input<string>; readonly objectKey: pulumi.Input<string> };
  /** Environment variables of the function. */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** RAM actions and the resources they apply to, granted to the function's role (logging is added). */
  readonly permissions: readonly RamPermission[];
  /** Days the function's logs are kept in SLS (1-3650). */
  readonly logRetentionDays: number;
  /**
   * Public keys FC checks bearer tokens against at the trigger (JWT authentication), before the
   * function runs; `healthPath` stays open. @default - no check at the trigger: every request
   * reaches the function, which must check tokens itself
   */
  readonly triggerKeys?: readonly PublicJwk[];
  /** Path answered without a token. @default /health */
  readonly healthPath?: string;
  /** Memory in MB, a multiple of 512; the function gets 1 vCPU per 1024 MB. @default 1024 */
  readonly memorySizeMb?: number;
  /** Longest run of one invocation, in seconds. @default 10 */
  readonly timeoutSeconds?: number;
  /** Labels on the function and the log project. */
  readonly tags: Record<string, string>;
  /** Resource group of the function and log project. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * The service desk on Function Compute 3.0: a function on the built-in Node.js runtime with its
 * code from OSS, an HTTP trigger, a RAM role FC assumes holding only the given permissions and log
 * delivery, and an SLS project and logstore for its logs with request and instance metrics.
 */
export class ServiceDeskFcFunction extends pulumi.ComponentResource {
  readonly function: alicloud.fc.V3Function;
  readonly trigger: alicloud.fc.V3Trigger;
  readonly role: alicloud.ram.Role;
  readonly policy: alicloud.ram.Policy;
  readonly logProject: alicloud.log.Project;
  readonly logStore: alicloud.log.Store;
  /** Public URL of the HTTP trigger (reported by FC after creation). */
  readonly url: pulumi.Output<string | undefined>;

  constructor(name: string, args: ServiceDeskFcFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ServiceDeskFcFunction', name, {}, opts);
    const memorySize = args.memorySizeMb ?? 1024;
    const timeout = args.timeoutSeconds ?? 10;
    const healthPath = args.healthPath ?? '/health';
    const fail = (field: string, rule: string): never => {
      throw new Error(`ServiceDeskFcFunction ${name}: ${field} ${rule}`);
    };
    checkFcFunctionSettings({ functionName: args.functionName, handlerExport: 'handler', memorySize, timeout }, fail);
    if (!Number.isInteger(args.logRetentionDays) || args.logRetentionDays < 1 || args.logRetentionDays > 3650) fail('logRetentionDays', `(${args.logRetentionDays}) must be a whole number of days from 1 to 3650`);
    if (!/^\/[A-Za-z0-9._~/-]*$/.test(healthPath)) fail('healthPath', `"${healthPath}" must be a literal absolute path`);
    if (args.triggerKeys !== undefined && args.triggerKeys.length === 0) fail('triggerKeys', 'must list at least one key when given');

    // SLS project names are global: the function name (unique in the region) keeps it ours.
    const functionLogs = fcLogs(
      name,
      {
        projectName: args.functionName.toLowerCase().replace(/_/g, '-'),
        description: `Logs of function ${args.functionName}`,
        retentionDays: args.logRetentionDays,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      this,
    );
    this.logProject = functionLogs.project;
    this.logStore = functionLogs.store;

    const logs = { project: this.logProject.projectName, logstore: this.logStore.logstoreName };
    const execution = fcExecutionRole(
      name,
      {
        functionName: args.functionName,
        description: `Assumed by Function Compute for ${args.functionName}: its tables and its logs, nothing else`,
        region: args.region,
        logs,
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
        description: 'Service desk (ticketing) HTTP API',
        handlerExport: 'handler',
        code: args.code,
        memorySize,
        timeout,
        role: execution,
        environment: args.environment,
        logs,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      this,
    );
    this.trigger = fcHttpTrigger(`${name}-http`, { functionName: this.function.functionName, triggerKeys: args.triggerKeys, healthPath }, this);
    this.url = this.trigger.httpTrigger.apply((http) => http?.urlInternet);
    this.registerOutputs({ functionName: this.function.functionName, url: this.url });
  }
}

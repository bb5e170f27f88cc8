import * as alicloud from '@pulumi/alicloud';
import type * as pulumi from '@pulumi/pulumi';

export interface FcLogsArgs {
  /** SLS project name; project names are global, so it carries the service's or function's name. */
  readonly projectName: string;
  /** The project's description. */
  readonly description: string;
  /** Days the logs are kept. */
  readonly retentionDays: number;
  /** Labels on the project. */
  readonly tags: Record<string, string>;
  /** Resource group of the project. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/** Where functions log: an SLS project and its `function-logs` logstore. */
export interface FcLogs {
  readonly project: alicloud.log.Project;
  readonly store: alicloud.log.Store;
}

/**
 * An SLS project (`<name>-logs`) and a logstore (`<name>-logstore`) splitting its shards as load
 * grows, both children of `parent`.
 */
export function fcLogs(name: string, args: FcLogsArgs, parent: pulumi.Resource): FcLogs {
  const project = new alicloud.log.Project(
    `${name}-logs`,
    { projectName: args.projectName, description: args.description, resourceGroupId: args.resourceGroupId, tags: args.tags },
    { parent },
  );
  const store = new alicloud.log.Store(
    `${name}-logstore`,
    { projectName: project.projectName, logstoreName: 'function-logs', retentionPeriod: args.retentionDays, autoSplit: true, shardCount: 2 },
    { parent },
  );
  return { project, store };
}

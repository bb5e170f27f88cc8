import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { TwinstackSpec, WorkloadName } from '../spec';
import { isEnabled } from '../spec';
import { addDisasterRecoveryStacks } from './disaster-recovery';
import { addDualActiveStacks } from './dual-active';
import { addHighPerformanceWebStacks } from './high-performance-web';
import { addHybridVpnStacks } from './hybrid-vpn';
import { addServiceDeskStacks } from './service-desk';

/** Adds one architecture's (or service's) stacks to the app and returns them. */
export type AwsArchitectureRenderer = (app: App, spec: TwinstackSpec) => Stack[];

export const AWS_RENDERERS: Record<WorkloadName, AwsArchitectureRenderer> = {
  'dual-active': addDualActiveStacks,
  'disaster-recovery': addDisasterRecoveryStacks,
  'high-performance-web': addHighPerformanceWebStacks,
  'hybrid-vpn': addHybridVpnStacks,
  'service-desk': addServiceDeskStacks,
};

export interface AwsAppOptions {
  /** App to add the stacks to (the CDK CLI's, which carries its context). @default - a new App */
  readonly app?: App;
  /** Where the cloud assembly is written. @default cdk.out, or the CLI's choice */
  readonly outdir?: string;
  /** Run the cdk-nag AwsSolutions pack at synthesis. @default true */
  readonly nag?: boolean;
  /** Render only these architectures and services. @default - every enabled architecture and service */
  readonly only?: readonly WorkloadName[];
}

export interface AwsApp {
  readonly app: App;
  /** Each stack with the architecture or service it belongs to. */
  readonly stacks: ReadonlyArray<{ architecture: WorkloadName; stack: Stack }>;
}

/** The feature flags pinned in cdk.json, so in-process synthesis renders exactly what the CLI does. */
export function pinnedContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
  return cdkJson.context ?? {};
}

/** Builds the CDK app for a validated spec: every enabled architecture and service, tagged and checked. */
export function buildAwsApp(spec: TwinstackSpec, options: AwsAppOptions = {}): AwsApp {
  const app = options.app ?? new App({ outdir: options.outdir, context: pinnedContext(), stackTraces: false });
  const stacks: Array<{ architecture: WorkloadName; stack: Stack }> = [];
  for (const [architecture, render] of Object.entries(AWS_RENDERERS) as Array<[WorkloadName, AwsArchitectureRenderer]>) {
    if (!isEnabled(spec, architecture)) continue;
    if (options.only && !options.only.includes(architecture)) continue;
    for (const stack of render(app, spec)) {
      Tags.of(stack).add('twinstack:architecture', architecture);
      stacks.push({ architecture, stack });
    }
  }
  Tags.of(app).add('twinstack:project', spec.project);
  Tags.of(app).add('twinstack:environment', spec.environment);
  for (const [key, value] of Object.entries(spec.tags)) Tags.of(app).add(key, value);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

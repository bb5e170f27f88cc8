import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildAwsApp } from '../../stacks/aws/build';
import type { ArchitectureName, TwinstackSpec } from '../../stacks/spec';
import { specWith } from './spec';

export interface SynthesizedArchitecture {
  /** Templates by stack name. */
  readonly templates: Record<string, Template>;
  readonly stacks: Stack[];
}

/**
 * Synthesizes one architecture in-process, with cdk-nag on: a finding that is neither fixed nor
 * acknowledged makes this throw, so every stack test is also a compliance test.
 */
export function synthArchitecture(architecture: ArchitectureName, spec: TwinstackSpec = specWith()): SynthesizedArchitecture {
  const { app, stacks } = buildAwsApp(spec, { only: [architecture] });
  const assembly = app.synth();
  const templates: Record<string, Template> = {};
  for (const { stack } of stacks) {
    templates[stack.stackName] = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  }
  return { templates, stacks: stacks.map((s) => s.stack) };
}

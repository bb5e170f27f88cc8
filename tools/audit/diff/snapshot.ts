import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Manifest } from '../../../stacks/alicloud/manifest';
import type { Template } from './aws-diff';

/** Where one revision's synthesis wrote its files. */
export interface SynthesisOutput {
  /** The CDK cloud assembly directory (`cdk.out`). */
  readonly cdkOut: string;
  /** The dist directory; manifests are in its `alicloud/`. */
  readonly dist: string;
}

/** What one revision synthesized; a cloud is absent when its files were not written. */
export interface Snapshot {
  /** Templates by stack name (the template file name without `.template.json`). */
  readonly aws?: ReadonlyMap<string, { readonly file: string; readonly template: Template }>;
  /** Manifests by architecture (the manifest file name without `.json`). */
  readonly alicloud?: ReadonlyMap<string, { readonly file: string; readonly manifest: Manifest }>;
}

const TEMPLATE_SUFFIX = '.template.json';

function jsonFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort();
}

/** Reads the templates and manifests a synthesis wrote. */
export function readSnapshot(output: SynthesisOutput): Snapshot {
  const templates = jsonFiles(output.cdkOut, TEMPLATE_SUFFIX);
  const manifestDir = path.join(output.dist, 'alicloud');
  const manifests = jsonFiles(manifestDir, '.json');
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
  return {
    ...(templates.length
      ? { aws: new Map(templates.map((f) => [f.slice(0, -TEMPLATE_SUFFIX.length), { file: f, template: read(path.join(output.cdkOut, f)) as Template }])) }
      : {}),
    ...(manifests.length
      ? { alicloud: new Map(manifests.map((f) => [f.slice(0, -'.json'.length), { file: `alicloud/${f}`, manifest: read(path.join(manifestDir, f)) as Manifest }])) }
      : {}),
  };
}

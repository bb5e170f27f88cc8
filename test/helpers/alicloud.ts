import type { Manifest, ManifestResource } from '../../stacks/alicloud/manifest';
import type { ArchitectureName, TwinstackSpec } from '../../stacks/spec';
import { specWith } from './spec';

/** Renders one architecture's Alibaba manifest under Pulumi's mocks (no account, no CLI). */
export async function renderArchitecture(architecture: ArchitectureName, spec: TwinstackSpec = specWith()): Promise<Manifest> {
  const { renderManifests } = await import('../../stacks/alicloud/manifest');
  return (await renderManifests(spec, [architecture]))[architecture];
}

/** The manifest's resources of one type token, e.g. `alicloud:vpn/connection:Connection`. */
export function ofType(manifest: Manifest, type: string): ManifestResource[] {
  return manifest.resources.filter((r) => r.type === type);
}

/** The single resource of a type; fails the test when there are none or several. */
export function oneOfType(manifest: Manifest, type: string): ManifestResource {
  const found = ofType(manifest, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

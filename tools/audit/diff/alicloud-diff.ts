/**
 * The diff of one Alibaba Cloud manifest between two revisions. Resources match by type and
 * name (a Pulumi URN is made of them). What makes Pulumi replace a resource:
 * - a new name (a new URN: Pulumi deletes the old resource and creates the new one);
 * - another region (the resource moves to another provider, which Pulumi also replaces);
 * - a parent of another type (the URN carries the parent's type chain; its name does not count);
 * - an OSS bucket's `bucket`: a bucket's name is its identity in OSS and cannot be changed.
 * Other input changes show as "modified": the provider may still replace some of them, but
 * which ones is not published in a form this tool can read, so it does not guess.
 */
import type { Manifest, ManifestResource } from '../../../stacks/alicloud/manifest';
import type { ResourcePair, ResourceState, ScopeSide } from '../security';
import type { OtherChange, PropertyChange, ResourceChange, ScopeDiff } from './model';
import { findRenames, withOldManifestReferences } from './renames';
import { valueChanges } from './value-diff';

/** One manifest's diff and the pairs for the security checks. */
export interface ManifestDiff {
  readonly scope: ScopeDiff;
  readonly pairs: ResourcePair[];
}

/** Inputs whose change replaces the resource, by type (see the module comment). */
export const REPLACING_INPUTS: Record<string, readonly string[]> = {
  'alicloud:oss/bucket:Bucket': ['inputs.bucket'],
};

const keyOf = (r: ManifestResource) => `${r.type}::${r.name}`;

/** What a resource is compared on: everything but its name and type. */
function bodyOf(resource: ManifestResource): Record<string, unknown> {
  const { name: _name, type: _type, ...body } = resource;
  return body as Record<string, unknown>;
}

function replaces(resource: ManifestResource, change: PropertyChange): boolean {
  const { path } = change;
  if (path === 'parent') {
    const parentType = (parent: unknown) => (typeof parent === 'string' ? parent.split('::')[0] : undefined);
    return parentType(change.before) !== parentType(change.after);
  }
  return path === 'region' || (REPLACING_INPUTS[resource.type] ?? []).some((p) => path === p || path.startsWith(`${p}.`));
}

function scopeSide(resources: readonly ManifestResource[], other: readonly ManifestResource[]): ScopeSide {
  const names = new Set(resources.map((r) => r.name));
  const otherNames = new Set(other.map((r) => r.name));
  const bucketNames = (list: readonly ManifestResource[]) =>
    new Set(list.filter((r) => r.type === 'alicloud:oss/bucket:Bucket').map((r) => r.inputs.bucket).filter((b): b is string => typeof b === 'string'));
  const [buckets, otherBuckets] = [bucketNames(resources), bucketNames(other)];
  return {
    resolves(reference) {
      if (typeof reference !== 'string') return undefined;
      const parts = reference.split(',');
      const known = (part: string) => {
        const name = /^(.+)\.[A-Za-z]+$/.exec(part)?.[1];
        if ((name && names.has(name)) || buckets.has(part)) return true;
        if ((name && otherNames.has(name)) || otherBuckets.has(part)) return false;
        return undefined;
      };
      const verdicts = parts.map(known);
      if (verdicts.includes(true)) return true;
      return verdicts.includes(false) ? false : undefined;
    },
  };
}

function outputChanges(base: Manifest, head: Manifest): OtherChange[] {
  const [was, now] = [base.outputs ?? {}, head.outputs ?? {}];
  return [...new Set([...Object.keys(was), ...Object.keys(now)])].sort().flatMap((id): OtherChange[] => {
    if (!(id in was)) return [{ section: 'outputs', id, change: 'added' }];
    if (!(id in now)) return [{ section: 'outputs', id, change: 'removed' }];
    return valueChanges(was[id], now[id]).length ? [{ section: 'outputs', id, change: 'modified' }] : [];
  });
}

/** Diffs one architecture's manifest. `base` absent: the manifest was added; `head` absent: removed. */
export function diffManifest(architecture: string, file: string, base: Manifest | undefined, head: Manifest | undefined): ManifestDiff | undefined {
  const [wasList, nowList] = [base?.resources ?? [], head?.resources ?? []];
  const was = new Map(wasList.map((r) => [keyOf(r), r]));
  const now = new Map(nowList.map((r) => [keyOf(r), r]));
  const changes: Array<ResourceChange & { key: string; beforeKey?: string }> = [];

  for (const [key, after] of now) {
    const before = was.get(key);
    if (!before) continue;
    const properties: PropertyChange[] = valueChanges(bodyOf(before), bodyOf(after)).map((c) => (replaces(after, c) ? { ...c, replaces: true } : c));
    if (properties.length === 0) continue;
    changes.push({ key, beforeKey: key, id: after.name, type: after.type, change: properties.some((p) => p.replaces) ? 'replaced' : 'modified', properties });
  }
  const removed = [...was.values()].filter((r) => !now.has(keyOf(r)));
  const added = [...now.values()].filter((r) => !was.has(keyOf(r)));
  const renames = findRenames(
    removed.map((r) => ({ id: keyOf(r), type: r.type, body: bodyOf(r) })),
    added.map((r) => ({ id: keyOf(r), type: r.type, body: bodyOf(r) })),
  );
  const renamedTo = new Set(renames.map((r) => r.from));
  const renamedFrom = new Set(renames.map((r) => r.to));
  for (const { from, to } of renames) {
    const [before, after] = [was.get(from)!, now.get(to)!];
    changes.push({ key: to, beforeKey: from, id: after.name, type: after.type, change: 'replaced', renamedFrom: before.name, properties: valueChanges(bodyOf(before), bodyOf(after)) });
  }
  for (const r of added.filter((a) => !renamedFrom.has(keyOf(a)))) changes.push({ key: keyOf(r), id: r.name, type: r.type, change: 'added', properties: [] });
  for (const r of removed.filter((a) => !renamedTo.has(keyOf(a)))) changes.push({ key: keyOf(r), beforeKey: keyOf(r), id: r.name, type: r.type, change: 'removed', properties: [] });
  changes.sort((a, b) => a.id.localeCompare(b.id) || a.type.localeCompare(b.type));

  const others = base && head ? outputChanges(base, head) : [];
  if (base && head && changes.length === 0 && others.length === 0) return undefined;

  const newToOldName = new Map(changes.filter((c) => c.renamedFrom).map((c) => [c.id, c.renamedFrom!]));
  const state = (resource: ManifestResource | undefined, renamed: boolean): ResourceState | undefined =>
    resource && { type: resource.type, body: (renamed ? withOldManifestReferences(bodyOf(resource), newToOldName) : bodyOf(resource)) as Record<string, unknown> };
  const [baseSide, headSide] = [scopeSide(wasList, nowList), scopeSide(nowList, wasList)];
  const pairs: ResourcePair[] = changes.map((c) => ({
    cloud: 'alicloud',
    scope: architecture,
    resource: c.id,
    type: c.type,
    before: state(c.beforeKey ? was.get(c.beforeKey) : undefined, false),
    after: state(c.change === 'removed' ? undefined : now.get(c.key), true),
    base: baseSide,
    head: headSide,
  }));
  const resources: ResourceChange[] = changes.map(({ key: _key, beforeKey: _beforeKey, ...change }) => change);
  return {
    scope: { cloud: 'alicloud', name: architecture, file, status: !base ? 'added' : !head ? 'removed' : 'changed', resources, otherChanges: others },
    pairs,
  };
}

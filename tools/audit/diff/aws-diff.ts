/**
 * The diff of one CloudFormation stack between two revisions. What changed and whether it
 * replaces comes from @aws-cdk/cloudformation-diff (it knows which properties force
 * replacement, and carries a replacement through the references to it); this module adds the
 * property-level paths, renamed logical ids, and the resource pairs the security checks read.
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { ResourcePair, ResourceState, ScopeSide } from '../security';
import type { OtherChange, PropertyChange, ResourceChange, ScopeDiff } from './model';
import { findRenames, withOldCfnReferences } from './renames';
import { valueChanges } from './value-diff';

type TemplateResource = { Type: string; Properties?: Record<string, unknown>; [attribute: string]: unknown };

/** A synthesized CloudFormation template (only the parts the diff reads are typed). */
export interface Template {
  readonly Resources?: Record<string, TemplateResource>;
  readonly [section: string]: unknown;
}

/** One stack's diff and the pairs for the security checks. */
export interface StackDiff {
  readonly scope: ScopeDiff;
  readonly pairs: ResourcePair[];
}

const OTHER_SECTIONS = ['Parameters', 'Outputs', 'Conditions', 'Mappings'] as const;

/** The logical id a `Ref` / `Fn::GetAtt` names; undefined for anything else. */
export function referencedLogicalId(reference: unknown): string | undefined {
  if (!reference || typeof reference !== 'object') return undefined;
  const record = reference as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

function scopeSide(template: Template | undefined, other: Template | undefined): ScopeSide {
  return {
    resolves(reference) {
      const id = referencedLogicalId(reference);
      if (id === undefined) return undefined;
      if (template?.Resources?.[id]) return true;
      return other?.Resources?.[id] ? false : undefined;
    },
  };
}

function attributeChanges(before: TemplateResource | undefined, after: TemplateResource | undefined): PropertyChange[] {
  const strip = (r: TemplateResource | undefined) => {
    if (!r) return {};
    const { Properties: _properties, ...attributes } = r;
    return attributes;
  };
  return valueChanges(strip(before), strip(after));
}

function otherChanges(base: Template, head: Template): OtherChange[] {
  const changes: OtherChange[] = [];
  for (const section of OTHER_SECTIONS) {
    const [was, now] = [(base[section] ?? {}) as Record<string, unknown>, (head[section] ?? {}) as Record<string, unknown>];
    for (const id of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
      if (!(id in was)) changes.push({ section, id, change: 'added' });
      else if (!(id in now)) changes.push({ section, id, change: 'removed' });
      else if (valueChanges(was[id], now[id]).length) changes.push({ section, id, change: 'modified' });
    }
  }
  return changes;
}

/**
 * Diffs one stack. `base` absent: the stack was added; `head` absent: removed. Resource changes
 * are sorted by logical id.
 */
export function diffStack(name: string, file: string, base: Template | undefined, head: Template | undefined): StackDiff | undefined {
  const [was, now] = [base?.Resources ?? {}, head?.Resources ?? {}];
  const changes: ResourceChange[] = [];
  const removed: string[] = [];
  const added: string[] = [];
  // cloudformation-diff marks replaced references in the values it returns; give it copies.
  const diff = fullDiff(structuredClone(base ?? {}), structuredClone(head ?? {}));
  diff.resources.forEachDifference((id, difference) => {
    if (difference.isAddition) return void added.push(id);
    if (difference.isRemoval) return void removed.push(id);
    if (!difference.isDifferent) return;
    const impact = difference.changeImpact;
    const properties: PropertyChange[] = [];
    for (const [property, change] of Object.entries(difference.propertyUpdates)) {
      const replaces = change.changeImpact === ResourceImpact.WILL_REPLACE;
      for (const leaf of valueChanges(change.oldValue, change.newValue, `Properties.${property}`)) properties.push(replaces ? { ...leaf, replaces } : leaf);
    }
    properties.push(...attributeChanges(was[id], now[id]));
    changes.push({
      id,
      type: now[id]?.Type ?? was[id]?.Type,
      change: impact === ResourceImpact.WILL_REPLACE ? 'replaced' : 'modified',
      ...(impact === ResourceImpact.MAY_REPLACE ? { mayReplace: true } : {}),
      properties,
    });
  });

  const renames = findRenames(
    removed.map((id) => ({ id, type: was[id].Type, body: was[id] })),
    added.map((id) => ({ id, type: now[id].Type, body: now[id] })),
  );
  const renamedFrom = new Map(renames.map((r) => [r.to, r.from]));
  const renamedTo = new Set(renames.map((r) => r.from));
  const orphaned = (id: string) => diff.resources.get(id).changeImpact === ResourceImpact.WILL_ORPHAN;
  for (const { from, to } of renames) {
    const properties = [...valueChanges(was[from].Properties ?? {}, now[to].Properties ?? {}, 'Properties'), ...attributeChanges(was[from], now[to])];
    changes.push({ id: to, type: now[to].Type, change: 'replaced', renamedFrom: from, ...(orphaned(from) ? { retained: true } : {}), properties });
  }
  for (const id of added.filter((a) => !renamedFrom.has(a))) changes.push({ id, type: now[id].Type, change: 'added', properties: [] });
  for (const id of removed.filter((r) => !renamedTo.has(r))) {
    changes.push({ id, type: was[id].Type, change: 'removed', ...(orphaned(id) ? { retained: true } : {}), properties: [] });
  }
  changes.sort((a, b) => a.id.localeCompare(b.id));

  const others = base && head ? otherChanges(base, head) : [];
  if (base && head && changes.length === 0 && others.length === 0) return undefined;

  const state = (resource: TemplateResource | undefined, renamed = false): ResourceState | undefined =>
    resource && { type: resource.Type, body: (renamed ? withOldCfnReferences(resource, renamedFrom) : resource) as Record<string, unknown> };
  const [baseSide, headSide] = [scopeSide(base, head), scopeSide(head, base)];
  const pairs: ResourcePair[] = changes.map((c) => {
    const beforeId = c.renamedFrom ?? c.id;
    return {
      cloud: 'aws',
      scope: name,
      resource: c.id,
      type: c.type,
      before: c.change === 'added' ? undefined : state(was[beforeId]),
      after: c.change === 'removed' ? undefined : state(now[c.id], true),
      base: baseSide,
      head: headSide,
    };
  });
  return {
    scope: { cloud: 'aws', name, file, status: !base ? 'added' : !head ? 'removed' : 'changed', resources: changes, otherChanges: others },
    pairs,
  };
}

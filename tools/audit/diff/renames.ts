/**
 * A resource whose logical id (AWS) or name (Alibaba) changed shows up as one removed and one
 * added resource. Those pairs are found here — same type, same or nearly the same settings — so
 * the diff can call them what they are: one resource replaced under a new name.
 */
import { leaves } from './value-diff';

/** A removed or added resource, as the pairing reads it. */
export interface RenameCandidate {
  readonly id: string;
  readonly type: string;
  /** What two candidates are compared on (AWS: the template entry; Alibaba: inputs and region). */
  readonly body: unknown;
}

export interface Rename {
  readonly from: string;
  readonly to: string;
  /** Share of setting leaves equal at both ids, 0 to 1. */
  readonly similarity: number;
}

/**
 * Settings that must agree on at least this share of their leaves. Names often appear inside the
 * settings too (a group name, a Name tag), so an exact match is too strict; below three quarters,
 * two resources of a type are different resources.
 */
export const RENAME_SIMILARITY = 0.75;

/** Share of leaves (by path) with equal values, over the leaves of either side. */
export function similarity(a: unknown, b: unknown): number {
  const [left, right] = [leaves(a), leaves(b)];
  const paths = new Set([...left.keys(), ...right.keys()]);
  if (paths.size === 0) return 1;
  let equal = 0;
  for (const path of paths) if (left.has(path) && left.get(path) === right.get(path)) equal++;
  return equal / paths.size;
}

/** Removed/added pairs of the same type that are the same resource renamed, most similar first. */
export function findRenames(removed: readonly RenameCandidate[], added: readonly RenameCandidate[], threshold = RENAME_SIMILARITY): Rename[] {
  const candidates: Rename[] = [];
  for (const r of removed) {
    for (const a of added) {
      if (r.type !== a.type) continue;
      const score = similarity(r.body, a.body);
      if (score >= threshold) candidates.push({ from: r.id, to: a.id, similarity: score });
    }
  }
  candidates.sort((x, y) => y.similarity - x.similarity || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const [usedFrom, usedTo] = [new Set<string>(), new Set<string>()];
  const renames: Rename[] = [];
  for (const c of candidates) {
    if (usedFrom.has(c.from) || usedTo.has(c.to)) continue;
    usedFrom.add(c.from);
    usedTo.add(c.to);
    renames.push(c);
  }
  return renames.sort((x, y) => x.to.localeCompare(y.to));
}

/**
 * `value` with references to renamed CloudFormation resources (`Ref`, `Fn::GetAtt`, `${X}` in
 * `Fn::Sub`) pointing at their old ids, so that a policy naming the renamed bucket reads the same
 * as before: the classification should see what changed in meaning, not in naming.
 */
export function withOldCfnReferences(value: unknown, newToOld: ReadonlyMap<string, string>): unknown {
  if (newToOld.size === 0) return value;
  if (Array.isArray(value)) return value.map((v) => withOldCfnReferences(v, newToOld));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string' && Object.keys(record).length === 1) return { Ref: newToOld.get(record.Ref) ?? record.Ref };
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && Object.keys(record).length === 1) return { 'Fn::GetAtt': [newToOld.get(getAtt[0]) ?? getAtt[0], ...getAtt.slice(1)] };
  const sub = record['Fn::Sub'];
  if (typeof sub === 'string' && Object.keys(record).length === 1) {
    return { 'Fn::Sub': sub.replace(/\$\{([^}.!]+)(\.[^}]*)?\}/g, (whole, id: string, attr = '') => (newToOld.has(id) ? `\${${newToOld.get(id)}${attr}}` : whole)) };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withOldCfnReferences(v, newToOld)]));
}

/**
 * `value` with rendered Pulumi references to renamed resources (`<name>.id`, `<name>.<attribute>`,
 * comma-separated lists of them, `<type>::<name>` parents) pointing at their old names.
 */
export function withOldManifestReferences(value: unknown, newToOld: ReadonlyMap<string, string>): unknown {
  if (newToOld.size === 0) return value;
  if (Array.isArray(value)) return value.map((v) => withOldManifestReferences(v, newToOld));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withOldManifestReferences(v, newToOld)]));
  }
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((part) => {
      const parent = /^(.+::)(.+)$/.exec(part);
      if (parent && newToOld.has(parent[2])) return `${parent[1]}${newToOld.get(parent[2])}`;
      const reference = /^(.+)(\.[A-Za-z]+)$/.exec(part);
      if (reference && newToOld.has(reference[1])) return `${newToOld.get(reference[1])}${reference[2]}`;
      return part;
    })
    .join(',');
}

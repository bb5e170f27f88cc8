/**
 * The two shapes most classifications share: a setting that protects a resource when it is on
 * (encryption, logging, deletion protection, a public-access block), and a resource whose mere
 * presence protects another (a flow log, a backup plan, an OSS encryption attachment).
 */
import { select } from './select';
import type { ResourcePair, SecurityCategory, SecurityFinding } from './types';
import { findingOn } from './types';

/** A setting that protects its resource when on. */
export interface ToggleSetting {
  /** Type tokens it applies to; `AWS::*` matches every CloudFormation type. */
  readonly types: readonly string[];
  /** Where it sits (see ./select.ts). */
  readonly path: string;
  /** What it is, as a reviewer names it: `S3 default encryption`. */
  readonly label: string;
  /** Whether the value there (undefined when absent) means the protection is on. */
  readonly isOn: (value: unknown) => boolean;
}

/** A resource whose presence protects another resource. */
export interface GuardResource {
  readonly types: readonly string[];
  readonly label: string;
  /**
   * Setting path of the reference to what it protects. When that no longer resolves at head, the
   * protected resource went away with its guard, and the removal is not reported.
   */
  readonly target?: string;
}

/** Whether a type token is one of `types`. */
export function typeMatches(types: readonly string[], type: string): boolean {
  return types.some((t) => t === type || (t === 'AWS::*' && type.startsWith('AWS::')));
}

/** A short, readable rendering of a setting value for a finding. */
export function shown(value: unknown, limit = 60): string {
  if (value === undefined) return 'absent';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A reference as a reader knows it: `Ref`/`Fn::GetAtt` by logical id, strings as they are. */
export function readableReference(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  return Array.isArray(getAtt) ? getAtt.join('.') : value;
}

/** `true`, `"true"`, `"Enabled"`, `"Enable"`, `"ON"`, `1`: the spellings of "on" across the two clouds. */
export function truthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && ['true', 'enabled', 'enable', 'on', 'active', 'open', '1'].includes(value.toLowerCase());
}

/**
 * Each setting location present at both base and head of a resource that exists on both sides,
 * with its two values: what the setting checks compare. `types` and `path` as in ToggleSetting.
 */
export function* pairedSettings<S extends { readonly types: readonly string[]; readonly path: string }>(
  pair: ResourcePair,
  settings: readonly S[],
): Generator<{ setting: S; path: string; old: unknown; value: unknown }> {
  const { before, after } = pair;
  if (!before || !after) return;
  for (const setting of settings) {
    if (!typeMatches(setting.types, after.type) || !typeMatches(setting.types, before.type)) continue;
    const was = new Map(select(before.body, setting.path).map((s) => [s.path, s.value]));
    for (const { path, value } of select(after.body, setting.path)) {
      if (was.has(path)) yield { setting, path, old: was.get(path), value };
    }
  }
}

/** Present and not explicitly off. */
export function present(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Settings of `pair` that went from on to off (weakens, verb `off`) or off to on (`on`), compared
 * location by location; settings of a resource that exists on one side only are not compared.
 */
export function toggleFindings(
  pair: ResourcePair,
  category: SecurityCategory,
  settings: readonly ToggleSetting[],
  verbs: { readonly off: string; readonly on: string },
): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  for (const { setting, path, old, value } of pairedSettings(pair, settings)) {
    const [wasOn, isOn] = [setting.isOn(old), setting.isOn(value)];
    if (wasOn === isOn) continue;
    const verb = wasOn ? verbs.off : verbs.on;
    findings.push(findingOn(pair, category, wasOn, verb, `${setting.label} (${shown(old)} → ${shown(value)})`, path));
  }
  return findings;
}

/**
 * A guard resource removed (weakens, verb `removed`) or added (`added`). A removal is not
 * reported when what it guarded is gone at head too.
 */
export function guardFindings(
  pair: ResourcePair,
  category: SecurityCategory,
  guards: readonly GuardResource[],
  verbs: { readonly removed: string; readonly added: string },
): SecurityFinding[] {
  const { before, after } = pair;
  if (before && after) return [];
  const state = (before ?? after)!;
  const guard = guards.find((g) => typeMatches(g.types, state.type));
  if (!guard) return [];
  const target = guard.target === undefined ? undefined : select(state.body, guard.target)[0]?.value;
  const detail = `${guard.label}${target === undefined ? '' : ` of ${shown(readableReference(target))}`}`;
  if (after) return [findingOn(pair, category, false, verbs.added, `${detail} (resource added)`)];
  if (target !== undefined && pair.head.resolves(target) === false) return [];
  return [findingOn(pair, category, true, verbs.removed, `${detail} (resource removed)`)];
}

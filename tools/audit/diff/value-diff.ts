import { stableJson } from '../json';
import type { PropertyChange } from './model';

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function diffArrays(before: unknown[], after: unknown[], path: string, out: PropertyChange[]): void {
  // Elements present at both revisions (wherever they moved) are not changes.
  const unmatched = after.map((value, index) => ({ value, index, key: stableJson(value) }));
  const removed: Array<{ value: unknown; index: number }> = [];
  before.forEach((value, index) => {
    const key = stableJson(value);
    const at = unmatched.findIndex((a) => a.key === key);
    if (at >= 0) unmatched.splice(at, 1);
    else removed.push({ value, index });
  });
  // What is left pairs up in order: an element edited in place shows as its changed leaves.
  const pairs = Math.min(removed.length, unmatched.length);
  for (let i = 0; i < pairs; i++) diffInto(removed[i].value, unmatched[i].value, `${path}[${unmatched[i].index}]`, out);
  for (const r of removed.slice(pairs)) out.push({ path: `${path}[${r.index}]`, before: r.value });
  for (const a of unmatched.slice(pairs)) out.push({ path: `${path}[${a.index}]`, after: a.value });
}

function diffInto(before: unknown, after: unknown, path: string, out: PropertyChange[]): void {
  if (stableJson(before) === stableJson(after)) return;
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      diffInto(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
  } else {
    out.push({ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
}

/**
 * The changed leaves between two values, each with its path under `path`. Objects compare key by
 * key; arrays compare as lists whose unchanged elements may move (tags reordered are no change),
 * the remaining elements paired in order.
 */
export function valueChanges(before: unknown, after: unknown, path = ''): PropertyChange[] {
  const out: PropertyChange[] = [];
  diffInto(before, after, path, out);
  return out;
}

/** Every leaf of a value with its path: what two resources are compared on when looking for a rename. */
export function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (isRecord(value) && Object.keys(value).length) {
    for (const key of Object.keys(value)) leaves(value[key], path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(value) && value.length) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else {
    out.set(path, stableJson(value));
  }
  return out;
}

/**
 * Setting paths: where a setting sits in a resource, written once for both revisions.
 *
 *   `Properties.BucketEncryption`                         a key path
 *   `Properties.Replicas[@Region].DeletionProtectionEnabled` every element, named by its Region
 *   `Properties.LoadBalancerAttributes[Key=deletion_protection.enabled].Value` the element whose Key is that
 *   `Properties.Rules[*].Status`                           every element, named by its index
 *
 * `select` returns one entry per concrete location, named so the same element gets the same name
 * at both revisions (`Properties.Replicas[Region=eu-west-1].DeletionProtectionEnabled`).
 */

type Step = { kind: 'key'; key: string } | { kind: 'each'; by?: string } | { kind: 'match'; field: string; value: string };

/** A setting's value at one concrete location; `value` is undefined where the setting is absent. */
export interface Selected {
  readonly path: string;
  readonly value: unknown;
}

function parse(path: string): Step[] {
  const steps: Step[] = [];
  for (const token of path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (!token.startsWith('[')) {
      steps.push({ kind: 'key', key: token });
      continue;
    }
    const inner = token.slice(1, -1);
    if (inner === '*') steps.push({ kind: 'each' });
    else if (inner.startsWith('@')) steps.push({ kind: 'each', by: inner.slice(1) });
    else {
      const at = inner.indexOf('=');
      if (at < 1) throw new Error(`setting path ${path}: "[${inner}]" is not [*], [@Field] or [Field=value]`);
      steps.push({ kind: 'match', field: inner.slice(0, at), value: inner.slice(at + 1) });
    }
  }
  return steps;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Every concrete location of `path` in `root`, with the value there. */
export function select(root: unknown, path: string): Selected[] {
  let found: Selected[] = [{ path: '', value: root }];
  for (const step of parse(path)) {
    const next: Selected[] = [];
    for (const { path: at, value } of found) {
      if (step.kind === 'key') {
        next.push({ path: at ? `${at}.${step.key}` : step.key, value: asRecord(value)?.[step.key] });
      } else if (step.kind === 'match') {
        const element = Array.isArray(value) ? value.find((e) => String(asRecord(e)?.[step.field]) === step.value) : undefined;
        next.push({ path: `${at}[${step.field}=${step.value}]`, value: element });
      } else if (Array.isArray(value)) {
        value.forEach((element, index) => {
          const name = step.by === undefined ? undefined : asRecord(element)?.[step.by];
          const label = typeof name === 'string' || typeof name === 'number' ? `${step.by}=${name}` : String(index);
          next.push({ path: `${at}[${label}]`, value: element });
        });
      }
    }
    found = next;
  }
  return found;
}

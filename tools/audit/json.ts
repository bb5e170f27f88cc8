/** JSON helpers for the audit: stable text for values that must compare (and print) the same every time. */

/** The value with object keys sorted at every depth. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortedKeys(record[key])]));
  }
  return value;
}

/** JSON text independent of key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value)) ?? 'undefined';
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

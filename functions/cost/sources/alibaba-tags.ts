/**
 * Parses the `Tag` field of BSS OpenAPI instance bills. The documented form is
 * `key:testKey value:testValue; key:testKey1 value:testValues1`: pairs separated by `;`, each a
 * `key:` and a `value:` part. Plain `k:v;k:v` pairs (the form in Alibaba's bill exports) are read
 * too. A tag without value (`key:temp value:` or `key:temp`) maps to `""`, as FOCUS Tags do.
 */

const KEY_VALUE_PAIR = /^key:(.*?)(?:\s+value:(.*))?$/s;

/** Tags of one bill line; throws `RangeError` naming a pair with an empty key. */
export function parseAlibabaTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const raw of text.split(';')) {
    const pair = raw.trim();
    if (pair === '') continue;
    let key: string;
    let value: string;
    const documented = KEY_VALUE_PAIR.exec(pair);
    if (documented) {
      key = documented[1].trim();
      value = (documented[2] ?? '').trim();
    } else {
      const colon = pair.indexOf(':');
      key = (colon < 0 ? pair : pair.slice(0, colon)).trim();
      value = colon < 0 ? '' : pair.slice(colon + 1).trim();
    }
    if (key === '') throw new RangeError(`tag pair ${JSON.stringify(pair)} has an empty key`);
    tags[key] = value;
  }
  return tags;
}

/**
 * Parses a FOCUS `Tags` cell. Two forms are read:
 * - FOCUS JSON object text, `{"env":"prod","team":"core"}`; numbers and booleans become their text,
 *   `null` becomes `""`; nested objects and arrays are refused.
 * - Alibaba's `key:value;key:value` text: pairs split on `;`, key and value on the first `:`, both
 *   trimmed; a pair without `:` is a tag with an empty value (Alibaba allows value-less tags).
 * An empty cell has no tags. Throws `RangeError` stating the rule broken.
 */
export function parseTags(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  return trimmed.startsWith('{') ? parseJsonTags(trimmed) : parsePairTags(trimmed);
}

function parseJsonTags(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RangeError('Tags is not valid JSON object text');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new RangeError('Tags must be a JSON object');
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) tags[key] = '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
    else throw new RangeError(`tag ${JSON.stringify(key)} must have a text value, not an object or array`);
  }
  return tags;
}

function parsePairTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text.split(';')) {
    if (pair.trim() === '') continue;
    const colon = pair.indexOf(':');
    const key = (colon < 0 ? pair : pair.slice(0, colon)).trim();
    if (key === '') throw new RangeError(`tag pair ${JSON.stringify(pair)} has an empty key`);
    tags[key] = colon < 0 ? '' : pair.slice(colon + 1).trim();
  }
  return tags;
}

/**
 * A copy of `text` that shares no memory with a larger string. V8's `slice` may return a view into
 * its source, keeping the whole source (say, a megabyte of CSV) alive as long as the slice is;
 * anything kept for the length of a run (group keys, memo keys) keeps a copy instead. Short strings
 * are always copied by `slice`, so they are returned as they are.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (structuredClone(text) as string);
}

/**
 * Parses JSON keeping every number as the text the service sent (`0.1` → `"0.1"`). BSS OpenAPI
 * answers amounts as JSON numbers; `JSON.parse` would round any with more than 15–17 significant
 * digits to the nearest binary double, so amounts are read from their text instead.
 */

/** `JSON.parse(text)`, except that each number becomes a string holding its exact text. */
export function parseJsonNumbersAsText(text: string): unknown {
  return JSON.parse(quoteNumbers(text));
}

/** Wraps each number token outside strings in quotes; strings are copied through unchanged. */
function quoteNumbers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      const start = i;
      while (i < text.length && /[-+.eE0-9]/.test(text[i])) i += 1;
      out += `${text.slice(copiedUpTo, start)}"${text.slice(start, i)}"`;
      copiedUpTo = i;
    } else {
      i += 1;
    }
  }
  return out + text.slice(copiedUpTo);
}

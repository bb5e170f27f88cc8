/**
 * Remembers what a parse function gave for recent cell texts. Bill exports repeat the same
 * timestamps and tag sets on thousands of lines; parsing each distinct text once saves most of the
 * work. Bounded: when full, it starts over, so memory stays flat whatever the input.
 */
import { ownString } from './own-string';

/** Most texts a memo holds by default. */
export const DEFAULT_MEMO_CAPACITY = 16_384;

export class TextMemo<V> {
  private readonly values = new Map<string, V>();
  // Consecutive lines often carry the same text (rows sorted by time): comparing beats hashing.
  private lastText: string | undefined;
  private lastValue: V | undefined;

  /**
   * @param parse gives the value for a text; a throw or an `undefined` result is not remembered.
   * @param capacity most texts held. @default DEFAULT_MEMO_CAPACITY
   */
  constructor(
    private readonly parse: (text: string) => V | undefined,
    private readonly capacity = DEFAULT_MEMO_CAPACITY,
  ) {}

  /** `parse(text)`, from memory when `text` was seen recently. */
  get(text: string): V | undefined {
    if (text === this.lastText) return this.lastValue;
    let value = this.values.get(text);
    let key = text;
    if (value === undefined) {
      key = ownString(text);
      value = this.parse(key);
      if (value === undefined) return undefined;
      if (this.values.size >= this.capacity) this.values.clear();
      this.values.set(key, value);
    }
    // On a hit, `key` is the caller's text: it may hold the chunk being read alive, but only until the next text.
    this.lastText = key;
    this.lastValue = value;
    return value;
  }
}

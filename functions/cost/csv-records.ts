/**
 * Splits CSV text (RFC 4180) into records, fed in chunks of any size: a record, a quoted field or a
 * CRLF may span chunks. Fields are separated by `,`; a field holding `,`, `"` or a line break is
 * quoted whole, with `""` for a quote inside it. Records end with LF or CRLF; empty lines are
 * skipped; a byte-order mark before the first record is dropped. Every record must have as many
 * fields as the first. A quote inside an unquoted field, text after a closing quote and a quote
 * never closed are errors naming the line and field.
 *
 * Built for large exports: fields are found with `indexOf` and only sliced out of the chunk when
 * asked for, so columns nobody reads cost a search and nothing more.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { ownString } from './own-string';
import { TextMemo } from './text-memo';

/** One record, valid until the next record is asked for: its storage is reused. */
export interface CsvRecord {
  /** 1-based line of the text the record ends on (a quoted line break makes a record span lines). */
  readonly line: number;
  /** Number of fields. */
  readonly length: number;
  /**
   * Field `index` (0-based), unquoted; `undefined` past the last field. The text may share memory
   * with the whole chunk it came from: copy it (`ownString`) before keeping it for long.
   */
  field(index: number): string | undefined;
}

/** Text that is not CSV: `line` is where the fault was found, `field` the 0-based field at fault, when one is. */
export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly field?: number,
  ) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/** Longest record accepted, in characters: bounds memory when a quote is left open or the text has no line breaks. */
export const MAX_RECORD_LENGTH = 4 * 1024 * 1024;

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** Field boundaries of the current record within the text being split. */
class RecordView implements CsvRecord {
  line = 0;
  length = 0;
  text = '';
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 where a quoted field holds `""` to turn into `"`. */
  escaped = new Uint8Array(64);

  /** Unescaped texts of recent quoted fields holding `""`, by their text as written. */
  private readonly unescaped = new TextMemo((raw) => ownString(raw.replaceAll('""', '"')));

  field(index: number): string | undefined {
    if (index >= this.length) return undefined;
    const raw = this.text.slice(this.starts[index], this.ends[index]);
    // The same quoted text (a JSON tag set) recurs on many lines: unescape it once.
    return this.escaped[index] ? this.unescaped.get(raw) : raw;
  }

  add(start: number, end: number, escaped: boolean): void {
    if (this.length === this.starts.length) this.grow();
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.escaped[this.length] = escaped ? 1 : 0;
    this.length++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }
}

/**
 * Splits CSV text pushed chunk by chunk: `push` a chunk, then call `next` for its records until it
 * answers `undefined`; a record the chunk leaves unfinished is completed by the next push.
 */
export class CsvSplitter {
  /** Text being split: what the last push left unread, then (the start of) the chunk pushed. */
  private text = '';
  /** The rest of the chunk pushed, split once `text` is used up. */
  private queued = '';
  /** Where the next record starts in `text`. */
  private pos = 0;
  private final = false;
  /** Lines ended so far. */
  private lines = 0;
  private started = false;
  private fieldCount = -1;
  private readonly record = new RecordView();
  // Where the current line ends and where the next quote is in `text` (-1: none left).
  private lineEnd = -1;
  private nextQuote = -1;
  /** Whether the quoted field `closingQuote` last scanned holds a `""` pair. */
  private closedAfterPair = false;

  /** Adds the next chunk of text. */
  push(chunk: string): void {
    if (!this.started && chunk !== '') {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const unread = this.pos < this.text.length ? this.text.slice(this.pos) + this.queued : this.queued;
    this.queued = '';
    const firstLineEnd = unread === '' ? -1 : chunk.indexOf('\n');
    if (firstLineEnd < 0) {
      this.reset(unread === '' ? chunk : unread + chunk);
    } else {
      // Joining the unfinished record to the whole chunk would copy the chunk: join its first line only.
      this.reset(unread + chunk.slice(0, firstLineEnd + 1));
      this.queued = chunk.slice(firstLineEnd + 1);
    }
  }

  /** Marks the end of the text: `next` then also gives a last record without a line break, or throws for a quote left open. */
  end(): void {
    this.final = true;
  }

  /** The next record of the text pushed so far, or `undefined` when it holds no complete record more. */
  next(): CsvRecord | undefined {
    for (;;) {
      const { text, queued } = this;
      const final = this.final && queued === '';
      let pos = this.pos;
      while (pos < text.length) {
        const first = text.charCodeAt(pos);
        const emptyLine = first === LF || (first === CR && (text.charCodeAt(pos + 1) === LF || (final && pos + 1 === text.length)));
        if (emptyLine) {
          this.lines++;
          pos += first === LF ? 1 : 2;
          continue;
        }
        this.pos = pos;
        const next = this.parseRecord(pos, final);
        if (next >= 0) {
          this.pos = next;
          this.checkFieldCount();
          return this.record;
        }
        break;
      }
      // `text` is used up, or ends inside a record: go on with the rest of the chunk, or wait for the next.
      this.pos = pos;
      if (queued !== '') {
        this.queued = '';
        this.reset(pos < text.length ? text.slice(pos) + queued : queued);
        continue;
      }
      if (text.length - pos > MAX_RECORD_LENGTH) {
        throw new CsvFormatError(`a record is longer than ${MAX_RECORD_LENGTH} characters (is a quote left open?)`, this.lines + 1);
      }
      if (pos >= text.length) this.reset('');
      return undefined;
    }
  }

  private reset(text: string): void {
    this.text = text;
    this.pos = 0;
    this.lineEnd = -1;
    this.nextQuote = text.indexOf('"');
  }

  private checkFieldCount(): void {
    const record = this.record;
    if (this.fieldCount < 0) this.fieldCount = record.length;
    else if (record.length !== this.fieldCount) {
      throw new CsvFormatError(`the record has ${record.length} field(s), the first record has ${this.fieldCount}`, record.line);
    }
  }

  /**
   * Finds the fields of the record starting at `start`; returns where the next record starts, or
   * -1 when the text ends before the record does and more text may come.
   */
  private parseRecord(start: number, final: boolean): number {
    const { text, record } = this;
    record.text = text;
    record.length = 0;
    let lineBreaks = 0;
    let pos = start;
    for (;;) {
      if (this.lineEnd < pos) this.lineEnd = text.indexOf('\n', pos);
      if (text.charCodeAt(pos) === QUOTE) {
        const closing = this.closingQuote(pos, final, lineBreaks);
        if (closing < 0) return -1;
        if (this.lineEnd >= 0 && this.lineEnd < closing) lineBreaks += countLineBreaks(text, this.lineEnd, closing);
        record.add(pos + 1, closing, this.closedAfterPair);
        pos = closing + 1;
        const after = text.charCodeAt(pos);
        if (after === COMMA) {
          pos++;
          continue;
        }
        if (after === LF) return this.ended(pos + 1, lineBreaks);
        if (after === CR && text.charCodeAt(pos + 1) === LF) return this.ended(pos + 2, lineBreaks);
        if (pos === text.length || (after === CR && pos + 1 === text.length)) {
          if (!final) return -1;
          return this.ended(text.length, lineBreaks);
        }
        throw this.fault(record.length - 1, `has text after its closing quote; quote the whole field and write a quote inside it as ""`, lineBreaks);
      }
      let lineEnd = this.lineEnd;
      if (lineEnd < 0) {
        if (!final) return -1;
        lineEnd = text.length;
      }
      if (this.nextQuote >= 0 && this.nextQuote < pos) this.nextQuote = text.indexOf('"', pos);
      const quote = this.nextQuote;
      // Up to the next quote or the line end, fields hold no quote: each ends at a comma.
      const plainEnd = quote >= 0 && quote < lineEnd ? quote : lineEnd;
      for (let comma = text.indexOf(',', pos); comma >= 0 && comma < plainEnd; comma = text.indexOf(',', pos)) {
        record.add(pos, comma, false);
        pos = comma + 1;
      }
      if (plainEnd === lineEnd) {
        record.add(pos, lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd, false);
        return this.ended(lineEnd + 1, lineBreaks);
      }
      // The quote starts the next field (handled above), or sits inside this one.
      if (quote !== pos) throw this.fault(record.length, 'has a quote but does not start with one; quote the whole field and write a quote inside it as ""', lineBreaks);
    }
  }

  /** Index of the quote closing the quoted field opened at `open`; -1 when more text is needed. */
  private closingQuote(open: number, final: boolean, lineBreaks: number): number {
    const { text } = this;
    let from = open + 1;
    this.closedAfterPair = false;
    for (;;) {
      const quote = text.indexOf('"', from);
      // A quote ending the text may be the first of a `""` pair completed by the next chunk.
      if (quote < 0 || (quote + 1 === text.length && !final)) {
        if (!final) return -1;
        throw this.fault(this.record.length, 'opens a quote that is never closed', lineBreaks);
      }
      if (text.charCodeAt(quote + 1) !== QUOTE) return quote;
      this.closedAfterPair = true;
      from = quote + 2;
    }
  }

  private ended(next: number, lineBreaks: number): number {
    this.lines += lineBreaks + 1;
    this.record.line = this.lines;
    return next;
  }

  private fault(field: number, rule: string, lineBreaks: number): CsvFormatError {
    return new CsvFormatError(`field ${field + 1} ${rule}`, this.lines + lineBreaks + 1, field);
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Splits UTF-8 CSV bytes read chunk by chunk (a character or record split between chunks is joined
 * up): after each chunk, yields the splitter holding its records. Read them (`next` until
 * `undefined`) before asking for the next chunk.
 */
export async function* csvChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Pick<CsvSplitter, 'next'>> {
  const decoder = new StringDecoder('utf8');
  const splitter = new CsvSplitter();
  let decoderUsed = false;
  for await (const chunk of chunks) {
    // ASCII (most exports, all but a few chunks of the rest) decodes faster as Latin-1, to the same
    // text; only when no multi-byte character is left half-read by the chunk before.
    const ascii = isAscii(chunk);
    splitter.push(ascii && !decoderUsed ? chunk.toString('latin1') : decoder.write(chunk));
    decoderUsed = !ascii;
    yield splitter;
  }
  splitter.push(decoder.end());
  splitter.end();
  yield splitter;
}

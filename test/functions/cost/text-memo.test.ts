import { TextMemo } from '../../../functions/cost/text-memo';

describe('TextMemo', () => {
  it('parses each distinct text once while it is remembered', () => {
    const parsed: string[] = [];
    const memo = new TextMemo((text) => {
      parsed.push(text);
      return text.length;
    });
    expect(['ab', 'ab', 'abc', 'ab', 'abc'].map((text) => memo.get(text))).toEqual([2, 2, 3, 2, 3]);
    expect(parsed).toEqual(['ab', 'abc']);
  });

  it('remembers neither a throw nor an undefined result', () => {
    let calls = 0;
    const memo = new TextMemo((text) => {
      calls++;
      if (text === 'bad') throw new RangeError('bad text');
      return undefined;
    });
    expect(() => memo.get('bad')).toThrow('bad text');
    expect(() => memo.get('bad')).toThrow('bad text');
    expect([memo.get('none'), memo.get('none')]).toEqual([undefined, undefined]);
    expect(calls).toBe(4);
  });

  it('starts over when full, so it never holds more than its capacity', () => {
    const parsed: string[] = [];
    const memo = new TextMemo((text) => {
      parsed.push(text);
      return text;
    }, 2);
    for (const text of ['a', 'b', 'c', 'a', 'c']) memo.get(text);
    // 'c' found it full and cleared it; 'a' came back parsed; 'c' is still there.
    expect(parsed).toEqual(['a', 'b', 'c', 'a']);
  });
});

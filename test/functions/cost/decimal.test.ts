import {
  addDecimal,
  compareDecimal,
  DecimalFormatError,
  formatDecimal,
  multiplyByRatio,
  parseDecimal,
  subtractDecimal,
  ZERO,
  type Decimal,
} from '../../../functions/cost/decimal';

const d = parseDecimal;
const sum = (...values: string[]) => formatDecimal(values.map(d).reduce(addDecimal, ZERO));

describe('parseDecimal and formatDecimal', () => {
  it.each([
    ['1234.5678', '1234.5678'],
    ['-0.0000001', '-0.0000001'],
    ['+12.50', '12.5'],
    ['12.000', '12'],
    ['0', '0'],
    ['-0', '0'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['007.10', '7.1'],
    ['1e-3', '0.001'],
    ['4.5E-7', '0.00000045'],
    ['1.0E-8', '0.00000001'],
    ['2.5e+3', '2500'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['123456789012345678901234567890.5', '123456789012345678901234567890.5'],
  ])('reads %s exactly and writes it back as %s', (text, expected) => {
    expect(formatDecimal(d(text))).toBe(expected);
  });

  it.each([[''], [' 1'], ['1 '], ['NaN'], ['Infinity'], ['1,5'], ['1,000.00'], ['.'], ['-'], ['e5'], ['1e'], ['0x10'], ['1.2.3'], ['€5']])(
    'refuses %j as not a decimal number',
    (text) => {
      expect(() => d(text)).toThrow(DecimalFormatError);
      expect(() => d(text)).toThrow('is not a decimal number');
    },
  );

  it('refuses a 19th non-zero fractional digit instead of rounding it away', () => {
    expect(() => d('0.0000000000000000001')).toThrow('more than 18 digits after the decimal point');
    expect(() => d('1e-19')).toThrow('more than 18 digits after the decimal point');
  });

  it('accepts zeros past the 18th fractional digit, since no value is lost', () => {
    expect(formatDecimal(d('1.5000000000000000000000'))).toBe('1.5');
  });

  it('refuses exponents beyond ±100 so a tiny cell cannot ask for a huge number', () => {
    expect(() => d('1e101')).toThrow('exponent beyond ±100');
    expect(formatDecimal(d('1e2'))).toBe('100');
  });
});

describe('parseDecimal at the edges of short amounts (15 digits, read without digit strings)', () => {
  it.each([
    ['999999999999999', '999999999999999'],
    ['9999999999999999', '9999999999999999'],
    ['9007199254740993', '9007199254740993'],
    ['0.123456789012345', '0.123456789012345'],
    ['0.1234567890123456', '0.1234567890123456'],
    ['-1.66667E-5', '-0.0000166667'],
    ['1E+2', '100'],
    ['1e002', '100'],
    ['1e0100', '1' + '0'.repeat(100)],
    ['5e-18', '0.000000000000000005'],
    ['50e-19', '0.000000000000000005'],
    ['1.5e100', '15' + '0'.repeat(99)],
    ['-0.0', '0'],
  ])('reads %s as %s', (text, expected) => {
    expect(formatDecimal(d(text))).toBe(expected);
  });

  it.each([['1e101'], ['1e-101'], ['1e'], ['1e+'], ['1e1.5'], ['1e1e1'], ['+-1'], ['1-'], ['--1'], ['1.2.3'], ['٣']])('refuses %j, saying why', (text) => {
    expect(() => d(text)).toThrow(DecimalFormatError);
  });

  it('refuses a 19th fractional digit however it is written', () => {
    expect(() => d('15e-19')).toThrow('more than 18 digits after the decimal point');
    expect(() => d('0.1234567890123456789')).toThrow('more than 18 digits after the decimal point');
  });
});

describe('exact sums where binary floating point drifts', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum('0.1', '0.2')).toBe('0.3');
  });

  it('adds one cent a million times to exactly 10000', () => {
    let floating = 0;
    let exact = ZERO;
    const cent = d('0.01');
    for (let i = 0; i < 1_000_000; i++) {
      floating += 0.01;
      exact = addDecimal(exact, cent);
    }
    expect(floating).not.toBe(10000);
    expect(formatDecimal(exact)).toBe('10000');
  });

  it('keeps tiny per-request charges next to large ones', () => {
    expect(sum('1000000000', '0.0000000002', '-1000000000')).toBe('0.0000000002');
  });

  it('subtracts and compares', () => {
    expect(formatDecimal(subtractDecimal(d('1'), d('1.25')))).toBe('-0.25');
    expect([d('2'), d('-1'), d('10'), d('0.5')].sort(compareDecimal).map(formatDecimal)).toEqual(['-1', '0.5', '2', '10']);
    expect(compareDecimal(d('1.50'), d('1.5'))).toBe(0);
  });
});

describe('multiplyByRatio', () => {
  const at18 = (value: Decimal) => formatDecimal(value);

  it('multiplies exactly when the result fits the scale', () => {
    expect(at18(multiplyByRatio(d('100'), 31n, 10n))).toBe('310');
    expect(at18(multiplyByRatio(d('-12.5'), 1n, 2n))).toBe('-6.25');
  });

  it('rounds the 18th fractional digit half to even', () => {
    // 5e-18 / 2 = 2.5e-18 → 2e-18 (even); 15e-18 / 2 = 7.5e-18 → 8e-18 (even).
    expect(at18(multiplyByRatio(d('0.000000000000000005'), 1n, 2n))).toBe('0.000000000000000002');
    expect(at18(multiplyByRatio(d('0.000000000000000015'), 1n, 2n))).toBe('0.000000000000000008');
    expect(at18(multiplyByRatio(d('-0.000000000000000005'), 1n, 2n))).toBe('-0.000000000000000002');
    expect(at18(multiplyByRatio(d('-0.000000000000000015'), 1n, 2n))).toBe('-0.000000000000000008');
  });

  it('rounds other remainders to the nearest unit', () => {
    expect(at18(multiplyByRatio(d('1'), 1n, 3n))).toBe('0.333333333333333333');
    expect(at18(multiplyByRatio(d('2'), 1n, 3n))).toBe('0.666666666666666667');
    expect(at18(multiplyByRatio(d('-2'), 1n, 3n))).toBe('-0.666666666666666667');
    expect(at18(multiplyByRatio(d('2'), 1n, -3n))).toBe('-0.666666666666666667');
  });

  it('refuses a zero denominator', () => {
    expect(() => multiplyByRatio(d('1'), 1n, 0n)).toThrow('denominator must not be 0');
  });
});

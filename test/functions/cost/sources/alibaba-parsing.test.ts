import { alibabaRegionId } from '../../../../functions/cost/sources/alibaba-regions';
import { parseAlibabaTags } from '../../../../functions/cost/sources/alibaba-tags';
import { parseJsonNumbersAsText } from '../../../../functions/cost/sources/json-numbers-as-text';

describe('parseAlibabaTags', () => {
  it('reads the documented "key:K value:V; key:K value:V" form', () => {
    expect(parseAlibabaTags('key:testKey value:testValue; key:testKey1 value:testValues1')).toEqual({ testKey: 'testValue', testKey1: 'testValues1' });
  });

  it('keeps spaces and colons inside values', () => {
    expect(parseAlibabaTags('key:owner value:Ops Team; key:url value:https://example.com')).toEqual({ owner: 'Ops Team', url: 'https://example.com' });
  });

  it('maps a tag without value to ""', () => {
    expect(parseAlibabaTags('key:temp value:; key:legacy')).toEqual({ temp: '', legacy: '' });
  });

  it('reads plain k:v;k:v pairs too', () => {
    expect(parseAlibabaTags('env:prod;team:core')).toEqual({ env: 'prod', team: 'core' });
  });

  it('has no tags for empty text', () => {
    expect(parseAlibabaTags('')).toEqual({});
    expect(parseAlibabaTags(' ; ')).toEqual({});
  });

  it('refuses a pair with an empty key, naming it', () => {
    expect(() => parseAlibabaTags('key: value:prod')).toThrow('tag pair "key: value:prod" has an empty key');
  });
});

describe('alibabaRegionId', () => {
  it('translates the region names instance bills carry', () => {
    expect(alibabaRegionId('China (Hangzhou)')).toBe('cn-hangzhou');
    expect(alibabaRegionId('Singapore')).toBe('ap-southeast-1');
    expect(alibabaRegionId('Germany (Frankfurt)')).toBe('eu-central-1');
  });

  it('keeps region ids as they are', () => {
    expect(alibabaRegionId('cn-shanghai')).toBe('cn-shanghai');
  });

  it('keeps an unknown name as given, so costs still group by it', () => {
    expect(alibabaRegionId('华东1（杭州）')).toBe('华东1（杭州）');
  });
});

describe('parseJsonNumbersAsText', () => {
  it('keeps every digit of amounts JSON.parse would round', () => {
    const text = '{"PretaxAmount":1234567.123456789012,"Small":1e-7,"Negative":-0.10}';
    expect(String(JSON.parse(text).PretaxAmount)).toBe('1234567.123456789');
    expect(parseJsonNumbersAsText(text)).toEqual({ PretaxAmount: '1234567.123456789012', Small: '1e-7', Negative: '-0.10' });
  });

  it('leaves numbers inside strings, escaped quotes, booleans and null alone', () => {
    const text = '{"Tag":"key:a value:\\"1,2\\" 3","Items":[1,{"Ok":true,"No":null}],"Id":"12"}';
    expect(parseJsonNumbersAsText(text)).toEqual({ Tag: 'key:a value:"1,2" 3', Items: ['1', { Ok: true, No: null }], Id: '12' });
  });
});

import { parseTags } from '../../../functions/cost/tags';

describe('parseTags', () => {
  it('reads FOCUS JSON object text, turning numbers, booleans and null into text', () => {
    expect(parseTags('{"env":"prod","cost-center":1200,"pii":false,"owner":null}')).toEqual({ env: 'prod', 'cost-center': '1200', pii: 'false', owner: '' });
  });

  it("reads Alibaba's key:value;key:value text, splitting on the first colon and trimming", () => {
    expect(parseTags(' env:prod ; url:https://example.com ;team: core;;flag')).toEqual({ env: 'prod', url: 'https://example.com', team: 'core', flag: '' });
  });

  it('gives an empty cell no tags', () => {
    expect(parseTags('')).toEqual({});
    expect(parseTags('  ')).toEqual({});
  });

  it('refuses broken JSON, non-object JSON, nested values and empty keys, saying why', () => {
    expect(() => parseTags('{"env":')).toThrow('Tags is not valid JSON object text');
    expect(() => parseTags('{"env":{"a":1}}')).toThrow('tag "env" must have a text value');
    expect(() => parseTags(':prod')).toThrow('has an empty key');
  });
});

/**
 * Alibaba Cloud region ids for the region names BSS OpenAPI bills carry. Instance bills give the
 * region's display name (`China (Hangzhou)`), while FOCUS RegionId is the provider's id
 * (`cn-hangzhou`), the form Alibaba's own FOCUS exports and every other API use.
 */

const REGION_ID_BY_NAME: Readonly<Record<string, string>> = {
  'China (Hangzhou)': 'cn-hangzhou',
  'China (Shanghai)': 'cn-shanghai',
  'China (Qingdao)': 'cn-qingdao',
  'China (Beijing)': 'cn-beijing',
  'China (Zhangjiakou)': 'cn-zhangjiakou',
  'China (Hohhot)': 'cn-huhehaote',
  'China (Ulanqab)': 'cn-wulanchabu',
  'China (Shenzhen)': 'cn-shenzhen',
  'China (Heyuan)': 'cn-heyuan',
  'China (Guangzhou)': 'cn-guangzhou',
  'China (Chengdu)': 'cn-chengdu',
  'China (Hong Kong)': 'cn-hongkong',
  'China (Nanjing - Local Region)': 'cn-nanjing',
  'China (Fuzhou - Local Region)': 'cn-fuzhou',
  'Japan (Tokyo)': 'ap-northeast-1',
  'South Korea (Seoul)': 'ap-northeast-2',
  Singapore: 'ap-southeast-1',
  'Malaysia (Kuala Lumpur)': 'ap-southeast-3',
  'Indonesia (Jakarta)': 'ap-southeast-5',
  'Philippines (Manila)': 'ap-southeast-6',
  'Thailand (Bangkok)': 'ap-southeast-7',
  'US (Virginia)': 'us-east-1',
  'US (Silicon Valley)': 'us-west-1',
  'Mexico': 'na-south-1',
  'UK (London)': 'eu-west-1',
  'Germany (Frankfurt)': 'eu-central-1',
  'UAE (Dubai)': 'me-east-1',
  'SAU (Riyadh - Partner Region)': 'me-central-1',
};

const REGION_ID = /^[a-z]{2}(?:-[a-z0-9]+)+$/;

/**
 * The region id for a bill's `Region` value: an id is kept (`cn-hangzhou`), a known English name
 * is translated (`China (Hangzhou)` → `cn-hangzhou`), anything else (a name not listed, a Chinese
 * name) is kept as given so costs still group by it.
 */
export function alibabaRegionId(region: string): string {
  const trimmed = region.trim();
  if (REGION_ID.test(trimmed)) return trimmed;
  return REGION_ID_BY_NAME[trimmed] ?? trimmed;
}

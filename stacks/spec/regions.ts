/**
 * Region catalogues for both clouds. A region that is not listed here is refused when the spec is
 * parsed, so a typo ("eu-west-l") fails at synth time instead of at deploy time.
 * Commercial partitions only: AWS China and GovCloud use other account partitions.
 */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1', 'ap-east-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2',
  'eu-north-1',
  'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1',
  'me-central-1', 'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
];

export const ALICLOUD_REGIONS: readonly string[] = [
  'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu',
  'cn-hangzhou', 'cn-shanghai', 'cn-nanjing', 'cn-fuzhou', 'cn-wuhan-lr',
  'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu', 'cn-hongkong',
  'ap-northeast-1', 'ap-northeast-2',
  'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'us-east-1', 'us-west-1',
  'eu-central-1', 'eu-west-1',
  'me-east-1', 'me-central-1',
];

export type CloudName = 'aws' | 'alicloud';

export const REGIONS_BY_CLOUD: Record<CloudName, readonly string[]> = {
  aws: AWS_REGIONS,
  alicloud: ALICLOUD_REGIONS,
};

/**
 * Whether a zone name belongs to a region: AWS zones are the region plus a letter (`eu-west-1a`);
 * Alibaba zones add a dash before the letter in most regions (`cn-hangzhou-h`) but not all
 * (`ap-southeast-1a`).
 */
export function zoneBelongsToRegion(cloud: CloudName, zone: string, region: string): boolean {
  if (!zone.startsWith(region)) return false;
  const suffix = zone.slice(region.length);
  return cloud === 'aws' ? /^[a-z]$/.test(suffix) : /^-?[a-z]$/.test(suffix);
}

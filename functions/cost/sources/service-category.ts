/**
 * FOCUS 1.2 ServiceCategory: the provider-neutral category of a service, so a report can set AWS
 * and Alibaba Cloud costs side by side ("Compute", "Databases"). Cost Explorer's SERVICE names and
 * BSS OpenAPI's ProductCodes are mapped here; a service not listed is `Other`, which FOCUS allows.
 */

/** The ServiceCategory values FOCUS 1.2 allows. */
export const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

type Table = Readonly<Record<string, readonly string[]>>;

/** Cost Explorer SERVICE dimension values (as Cost Explorer spells them), by category. */
const AWS_SERVICES: Partial<Record<ServiceCategory, readonly string[]>> = {
  'AI and Machine Learning': ['Amazon SageMaker', 'Amazon Bedrock', 'Amazon Rekognition', 'Amazon Comprehend', 'Amazon Textract', 'Amazon Polly', 'Amazon Transcribe', 'Amazon Translate', 'Amazon Lex', 'Amazon Kendra', 'Amazon Personalize', 'Amazon Q'],
  Analytics: ['Amazon Athena', 'AWS Glue', 'Amazon Elastic MapReduce', 'Amazon EMR', 'Amazon Kinesis', 'Amazon Kinesis Firehose', 'Amazon Kinesis Analytics', 'Amazon OpenSearch Service', 'Amazon Elasticsearch Service', 'Amazon QuickSight', 'Amazon Managed Streaming for Apache Kafka', 'AWS Lake Formation'],
  'Business Applications': ['Amazon Simple Email Service', 'Amazon Connect', 'Amazon Chime', 'Amazon WorkSpaces', 'Amazon WorkMail', 'Amazon WorkDocs'],
  Compute: ['Amazon Elastic Compute Cloud - Compute', 'Amazon Elastic Compute Cloud', 'EC2 - Other', 'AWS Lambda', 'Amazon Elastic Container Service', 'Amazon Elastic Container Service for Kubernetes', 'Amazon Elastic Kubernetes Service', 'Amazon EC2 Container Registry (ECR)', 'Amazon Lightsail', 'AWS Batch', 'AWS App Runner', 'AWS Elastic Beanstalk', 'AWS Outposts'],
  Databases: ['Amazon Relational Database Service', 'Amazon DynamoDB', 'Amazon ElastiCache', 'Amazon DocumentDB (with MongoDB compatibility)', 'Amazon Neptune', 'Amazon MemoryDB', 'Amazon Keyspaces (for Apache Cassandra)', 'Amazon Timestream', 'Amazon Aurora DSQL', 'Amazon Redshift'],
  'Developer Tools': ['AWS CodeBuild', 'AWS CodePipeline', 'AWS CodeCommit', 'AWS CodeArtifact', 'AWS CodeDeploy', 'AWS Cloud9', 'AWS X-Ray', 'AWS Device Farm'],
  Identity: ['AWS Directory Service', 'Amazon Cognito', 'AWS IAM Identity Center', 'AWS Identity and Access Management'],
  Integration: ['Amazon Simple Notification Service', 'Amazon Simple Queue Service', 'Amazon EventBridge', 'CloudWatch Events', 'AWS Step Functions', 'Amazon MQ', 'Amazon API Gateway', 'AWS AppSync'],
  'Internet of Things': ['AWS IoT', 'AWS IoT Core', 'AWS IoT Analytics', 'AWS IoT Greengrass'],
  'Management and Governance': ['AmazonCloudWatch', 'Amazon CloudWatch', 'AWS CloudTrail', 'AWS Config', 'AWS Systems Manager', 'AWS CloudFormation', 'AWS Cost Explorer', 'AWS Organizations', 'AWS Service Catalog', 'AWS Control Tower', 'Amazon Managed Grafana', 'Amazon Managed Service for Prometheus'],
  Media: ['AWS Elemental MediaConvert', 'AWS Elemental MediaLive', 'AWS Elemental MediaPackage', 'Amazon Kinesis Video Streams', 'Amazon Interactive Video Service'],
  Migration: ['AWS Database Migration Service', 'AWS Application Migration Service', 'AWS DataSync', 'AWS Transfer Family', 'AWS Snowball'],
  Mobile: ['AWS Amplify', 'Amazon Pinpoint'],
  Networking: ['Amazon Virtual Private Cloud', 'Amazon CloudFront', 'Amazon Route 53', 'Elastic Load Balancing', 'AWS Direct Connect', 'AWS Global Accelerator', 'AWS Transit Gateway', 'AWS Cloud Map', 'Amazon VPC Lattice', 'AWS Data Transfer'],
  Security: ['AWS WAF', 'AWS Shield', 'AWS Key Management Service', 'AWS Secrets Manager', 'Amazon GuardDuty', 'AWS Security Hub', 'Amazon Inspector', 'Amazon Macie', 'AWS Certificate Manager', 'AWS Firewall Manager', 'AWS Network Firewall', 'Amazon Detective', 'AWS CloudHSM'],
  Storage: ['Amazon Simple Storage Service', 'Amazon S3 Glacier', 'Amazon Glacier', 'Amazon Elastic File System', 'Amazon FSx', 'Amazon Elastic Block Store', 'AWS Backup', 'AWS Storage Gateway'],
};

/** BSS OpenAPI ProductCodes (lower case), by category. */
const ALIBABA_PRODUCTS: Partial<Record<ServiceCategory, readonly string[]>> = {
  'AI and Machine Learning': ['pai', 'learn', 'dashscope', 'bailian', 'sfm', 'vision', 'nlp', 'nls'],
  Analytics: ['odps', 'maxcompute', 'dataworks', 'dide', 'emr', 'elasticsearch', 'datav', 'quickbi', 'hologres', 'sc', 'flink', 'dlf', 'datahub'],
  'Business Applications': ['dm', 'sms', 'dysms', 'vms', 'mail', 'domain'],
  Compute: ['ecs', 'fc', 'sae', 'eci', 'cs', 'ack', 'acr', 'swas', 'ehpc', 'ess', 'ecs_elastic', 'ecsgpu'],
  Databases: ['rds', 'polardb', 'polardbx', 'drds', 'redisa', 'kvstore', 'dds', 'mongodb', 'hbase', 'lindorm', 'clickhouse', 'ots', 'dbs', 'adb', 'ads', 'gpdb'],
  'Developer Tools': ['codeup', 'rdc', 'devops', 'xtrace', 'arms'],
  Identity: ['ram', 'idaas', 'cloudsso'],
  Integration: ['mns', 'ons', 'rocketmq', 'alikafka', 'eventbridge', 'apigateway', 'mq', 'amqp', 'fnf'],
  'Internet of Things': ['iot', 'linkedge'],
  'Management and Governance': ['cms', 'sls', 'log', 'actiontrail', 'ros', 'config', 'resourcemanager', 'oos', 'tag'],
  Media: ['vod', 'live', 'mts', 'imm', 'rtc'],
  Migration: ['dts', 'smc', 'mgw'],
  Mobile: ['emas', 'mpush'],
  Networking: ['vpc', 'slb', 'alb', 'nlb', 'eip', 'cbwp', 'cbn', 'nat', 'nat_gw', 'natgw', 'vpn', 'expressconnect', 'cdt', 'cdn', 'dcdn', 'ga', 'alidns', 'dns', 'pvtz', 'privatelink'],
  Security: ['waf', 'ddos', 'ddoscoo', 'ddosbgp', 'sas', 'kms', 'cloudfw', 'cas', 'bastionhost', 'dbaudit', 'sddp'],
  Storage: ['oss', 'nas', 'ebs', 'disk', 'hbr', 'dbfs', 'hdr', 'cpfs'],
  Web: ['webplus', 'esa', 'wafcdn'],
};

function invert(table: Partial<Record<ServiceCategory, readonly string[]>>, normalise: (name: string) => string): ReadonlyMap<string, ServiceCategory> {
  const byName = new Map<string, ServiceCategory>();
  for (const [category, names] of Object.entries(table) as [ServiceCategory, readonly string[]][]) {
    for (const name of names) byName.set(normalise(name), category);
  }
  return byName;
}

const awsByName = invert(AWS_SERVICES, (name) => name.toLowerCase());
const alibabaByCode = invert(ALIBABA_PRODUCTS, (code) => code.toLowerCase());

/** Cost Explorer services not in the table, recognised by a word in their name. */
const AWS_NAME_RULES: readonly (readonly [RegExp, ServiceCategory])[] = [
  [/\bsupport\b|^tax$|savings plans?/i, 'Other'],
  [/sagemaker|bedrock|machine learning/i, 'AI and Machine Learning'],
  [/\bdatabase\b|\brds\b|dynamodb|aurora|redshift/i, 'Databases'],
  [/\bec2\b|compute|container|kubernetes|lambda/i, 'Compute'],
  [/storage|\bs3\b|glacier|backup|file system/i, 'Storage'],
  [/cloudfront|route ?53|load balanc|vpc|transit|network|data transfer/i, 'Networking'],
  [/waf|shield|guardduty|security|secret|key management|firewall|certificate/i, 'Security'],
  [/cloudwatch|cloudtrail|config|systems manager|cloudformation|cost explorer/i, 'Management and Governance'],
  [/\biot\b/i, 'Internet of Things'],
  [/elemental|video|media/i, 'Media'],
];

/**
 * Category of a Cost Explorer SERVICE value, e.g. `Amazon Elastic Compute Cloud - Compute` →
 * `Compute`; names are matched ignoring case, then by a word they contain; `Other` otherwise.
 */
export function awsServiceCategory(serviceName: string): ServiceCategory {
  const exact = awsByName.get(serviceName.trim().toLowerCase());
  if (exact) return exact;
  return AWS_NAME_RULES.find(([pattern]) => pattern.test(serviceName))?.[1] ?? 'Other';
}

/** Category of a BSS OpenAPI ProductCode, e.g. `ecs` → `Compute`, `waf` → `Security`; `Other` if not listed. */
export function alibabaServiceCategory(productCode: string): ServiceCategory {
  return alibabaByCode.get(productCode.trim().toLowerCase()) ?? 'Other';
}

/** Exposed for tests: every name listed, so a test can check no name sits in two categories. */
export const SERVICE_CATEGORY_TABLES: { readonly aws: Table; readonly alibaba: Table } = {
  aws: AWS_SERVICES as Table,
  alibaba: ALIBABA_PRODUCTS as Table,
};

import {
  alibabaServiceCategory,
  awsServiceCategory,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_TABLES,
} from '../../../../functions/cost/sources/service-category';

describe('ServiceCategory tables', () => {
  it.each(['aws', 'alibaba'] as const)('%s: uses only FOCUS 1.2 categories and lists each name once', (cloud) => {
    const table = SERVICE_CATEGORY_TABLES[cloud];
    for (const category of Object.keys(table)) expect(SERVICE_CATEGORIES).toContain(category);
    const names = Object.values(table).flat().map((name) => name.toLowerCase());
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});

describe('awsServiceCategory', () => {
  it.each([
    ['Amazon Elastic Compute Cloud - Compute', 'Compute'],
    ['EC2 - Other', 'Compute'],
    ['AWS Lambda', 'Compute'],
    ['Amazon Simple Storage Service', 'Storage'],
    ['Amazon Relational Database Service', 'Databases'],
    ['Amazon DynamoDB', 'Databases'],
    ['Amazon Virtual Private Cloud', 'Networking'],
    ['Amazon CloudFront', 'Networking'],
    ['Elastic Load Balancing', 'Networking'],
    ['AWS WAF', 'Security'],
    ['AWS Key Management Service', 'Security'],
    ['Amazon Athena', 'Analytics'],
    ['AmazonCloudWatch', 'Management and Governance'],
    ['Amazon SageMaker', 'AI and Machine Learning'],
    ['Amazon Simple Queue Service', 'Integration'],
    ['Amazon Cognito', 'Identity'],
  ])('maps Cost Explorer service %j to %s', (service, category) => {
    expect(awsServiceCategory(service)).toBe(category);
  });

  it('ignores case and surrounding spaces', () => {
    expect(awsServiceCategory('  amazon simple storage service ')).toBe('Storage');
  });

  it('recognises services not in the table by a word in their name', () => {
    expect(awsServiceCategory('Amazon Aurora Serverless Something')).toBe('Databases');
    expect(awsServiceCategory('AWS Elemental MediaTailor')).toBe('Media');
  });

  it('files support plans, tax and unknown services under Other', () => {
    expect(awsServiceCategory('AWS Support (Business)')).toBe('Other');
    expect(awsServiceCategory('Tax')).toBe('Other');
    expect(awsServiceCategory('Contoso Marketplace Widget')).toBe('Other');
  });
});

describe('alibabaServiceCategory', () => {
  it.each([
    ['ecs', 'Compute'],
    ['fc', 'Compute'],
    ['oss', 'Storage'],
    ['nas', 'Storage'],
    ['rds', 'Databases'],
    ['polardb', 'Databases'],
    ['ots', 'Databases'],
    ['slb', 'Networking'],
    ['cdn', 'Networking'],
    ['eip', 'Networking'],
    ['waf', 'Security'],
    ['sas', 'Security'],
    ['odps', 'Analytics'],
    ['cms', 'Management and Governance'],
    ['sls', 'Management and Governance'],
    ['pai', 'AI and Machine Learning'],
  ])('maps ProductCode %s to %s', (code, category) => {
    expect(alibabaServiceCategory(code)).toBe(category);
  });

  it('ignores case', () => {
    expect(alibabaServiceCategory('ECS')).toBe('Compute');
  });

  it('files unknown product codes under Other', () => {
    expect(alibabaServiceCategory('some_new_product')).toBe('Other');
  });
});

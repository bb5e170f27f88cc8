import type { Manifest, ManifestResource } from '../../../stacks/alicloud/manifest';
import { oneOfType, ofType, renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

const PROVIDER = 'pulumi:providers:alicloud';
const ALB = 'alicloud:alb/loadBalancer:LoadBalancer';
const CLUSTER = 'alicloud:polardb/cluster:Cluster';
const GDN = 'alicloud:polardb/globalDatabaseNetwork:GlobalDatabaseNetwork';
const POOL = 'alicloud:dns/addressPool:AddressPool';
const MONITOR = 'alicloud:dns/monitorConfig:MonitorConfig';
const RDS = 'alicloud:rds/instance:Instance';
const PREFIX = 'twinstack-prod-dual-active';

const named = (manifest: Manifest, type: string, name: string): ManifestResource => {
  const found = ofType(manifest, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
};

describe('dual-active on Alibaba Cloud', () => {
  let manifest: Manifest;
  beforeAll(async () => {
    manifest = await renderArchitecture('dual-active');
  }, 60_000);

  test('two explicit providers, one per spec region', () => {
    expect(ofType(manifest, PROVIDER).map((p) => p.region).sort()).toEqual(['cn-hangzhou', 'cn-shanghai']);
  });

  test('every cloud resource is created through a regional provider', () => {
    const cloud = manifest.resources.filter((r) => r.type.startsWith('alicloud:'));
    expect(cloud.length).toBeGreaterThan(40);
    expect(cloud.filter((r) => r.region === undefined).map((r) => r.name)).toEqual([]);
  });

  test("each site's resources sit in its own region", () => {
    const underSite = (role: string) => manifest.resources.filter((r) => r.type.startsWith('alicloud:') && r.name.startsWith(`${PREFIX}-${role}-`));
    expect(underSite('primary').length).toBeGreaterThan(20);
    expect(new Set(underSite('primary').map((r) => r.region))).toEqual(new Set(['cn-hangzhou']));
    expect(new Set(underSite('secondary').map((r) => r.region))).toEqual(new Set(['cn-shanghai']));
  });

  test('ALB zone mappings are the spec zones of each site, on the application vSwitches', () => {
    const mappings = (role: string) => named(manifest, ALB, `${PREFIX}-${role}-web-alb`).inputs.zoneMappings;
    expect(mappings('primary')).toEqual([
      { zoneId: 'cn-hangzhou-h', vswitchId: `${PREFIX}-primary-network-app-cn-hangzhou-h.id` },
      { zoneId: 'cn-hangzhou-i', vswitchId: `${PREFIX}-primary-network-app-cn-hangzhou-i.id` },
    ]);
    expect(mappings('secondary')).toEqual([
      { zoneId: 'cn-shanghai-e', vswitchId: `${PREFIX}-secondary-network-app-cn-shanghai-e.id` },
      { zoneId: 'cn-shanghai-f', vswitchId: `${PREFIX}-secondary-network-app-cn-shanghai-f.id` },
    ]);
  });

  test('web tier capacity, instance type and health check come from the spec', () => {
    for (const role of ['primary', 'secondary']) {
      const group = named(manifest, 'alicloud:ess/scalingGroup:ScalingGroup', `${PREFIX}-${role}-web-group`);
      expect(group.inputs).toMatchObject({ minSize: 2, maxSize: 6 });
      expect(named(manifest, 'alicloud:ess/scalingConfiguration:ScalingConfiguration', `${PREFIX}-${role}-web-launch`).inputs.instanceType).toBe('ecs.g7.large');
      expect(named(manifest, 'alicloud:ess/scalingRule:ScalingRule', `${PREFIX}-${role}-web-cpu-target`).inputs.targetValue).toBe(50);
      expect(named(manifest, 'alicloud:alb/serverGroup:ServerGroup', `${PREFIX}-${role}-web-servers`).inputs.healthCheckConfig).toMatchObject({ healthCheckPath: '/health', healthCheckEnabled: true });
    }
  });

  test('the global database network links a PolarDB cluster in each region', () => {
    const gdn = oneOfType(manifest, GDN);
    const primary = named(manifest, CLUSTER, `${PREFIX}-data-polardb-primary-cluster`);
    const secondary = named(manifest, CLUSTER, `${PREFIX}-data-polardb-secondary-cluster`);
    expect(gdn.region).toBe('cn-hangzhou');
    expect(gdn.inputs.dbClusterId).toBe(`${primary.name}.id`);
    expect(primary.region).toBe('cn-hangzhou');
    expect(secondary.region).toBe('cn-shanghai');
    expect(primary.inputs.creationOption).toBe('Normal');
    expect(secondary.inputs).toMatchObject({ creationOption: 'CreateGdnStandby', gdnId: `${gdn.name}.id` });
    for (const [cluster, cidr, zone] of [[primary, '10.10.0.0/16', 'cn-hangzhou-h'], [secondary, '10.20.0.0/16', 'cn-shanghai-e']] as const) {
      expect(cluster.inputs).toMatchObject({ dbType: 'MySQL', dbVersion: '8.0', tdeStatus: 'Enabled', zoneId: zone });
      expect(cluster.inputs.dbClusterIpArrays).toEqual([{ dbClusterIpArrayName: 'default', modifyMode: 'Cover', securityIps: [cidr] }]);
      expect(String(cluster.inputs.vswitchId)).toContain('-network-data-');
    }
    expect(ofType(manifest, RDS)).toHaveLength(0);
  });

  test('PolarDB clusters have SSL on their primary endpoint and keep backups at least 7 days', () => {
    const endpoints = ofType(manifest, 'alicloud:polardb/primaryEndpoint:PrimaryEndpoint');
    expect(endpoints.map((e) => [e.region, e.inputs.sslEnabled]).sort()).toEqual([['cn-hangzhou', 'Enable'], ['cn-shanghai', 'Enable']]);
    const backups = ofType(manifest, 'alicloud:polardb/backupPolicy:BackupPolicy');
    expect(backups).toHaveLength(2);
    for (const backup of backups) {
      expect(backup.inputs.dataLevel1BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
      expect(backup.inputs.logBackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    }
  });

  test('GTM has one address pool per site, each on its ALB with an HTTPS health check of the spec path', () => {
    const pools = ofType(manifest, POOL);
    expect(pools.map((p) => p.inputs.addresses)).toEqual([
      [expect.objectContaining({ address: `${PREFIX}-primary-web-alb.dnsName` })],
      [expect.objectContaining({ address: `${PREFIX}-secondary-web-alb.dnsName` })],
    ]);
    const monitors = ofType(manifest, MONITOR);
    expect(monitors.map((m) => m.inputs.addrPoolId)).toEqual(pools.map((p) => `${p.name}.id`));
    for (const monitor of monitors) {
      expect(monitor.inputs.protocolType).toBe('HTTPS');
      expect(JSON.parse(String(monitor.inputs.monitorExtendInfo))).toMatchObject({ path: '/health', port: 443, host: 'app.example.com' });
    }
  });

  test('the access strategy keeps both pools active on the default line, and the domain points at GTM', () => {
    const strategy = oneOfType(manifest, 'alicloud:dns/accessStrategy:AccessStrategy');
    expect(strategy.inputs.defaultAddrPools).toEqual(ofType(manifest, POOL).map((p) => ({ addrPoolId: `${p.name}.id`, lbaWeight: 1 })));
    expect(strategy.inputs.lines).toEqual([{ lineCode: 'default' }]);
    expect(oneOfType(manifest, 'alicloud:dns/gtmInstance:GtmInstance').inputs).toMatchObject({ publicUserDomainName: 'app.example.com', publicZoneName: 'example.com', publicRr: 'app-gtm' });
    expect(oneOfType(manifest, 'alicloud:dns/alidnsRecord:AlidnsRecord').inputs).toMatchObject({ domainName: 'example.com', rr: 'app', type: 'CNAME', value: 'app-gtm.example.com' });
  });

  test('outputs name the URLs, load balancers per region, GTM and the databases', () => {
    expect(manifest.outputs).toMatchObject({
      url: 'https://app.example.com',
      sites: {
        primary: { region: 'cn-hangzhou', loadBalancerDnsName: `${PREFIX}-primary-web-alb.dnsName` },
        secondary: { region: 'cn-shanghai', loadBalancerDnsName: `${PREFIX}-secondary-web-alb.dnsName` },
      },
      gtm: { instanceId: `${PREFIX}-dns-gtm.id`, cname: 'app-gtm.example.com' },
      database: {
        engine: 'polardb-global',
        globalDatabaseNetworkId: `${PREFIX}-data-gdn.id`,
        clusters: { 'cn-hangzhou': { role: 'primary' }, 'cn-shanghai': { role: 'secondary' } },
      },
    });
  });

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('renders the same bytes twice', async () => {
    expect(JSON.stringify(await renderArchitecture('dual-active'))).toBe(JSON.stringify(manifest));
  }, 60_000);

  test('changing alicloud.secondary.region moves the secondary site', async () => {
    const moved = await renderArchitecture(
      'dual-active',
      specWith((s) => {
        s.architectures['dual-active'].alicloud.secondary = { region: 'cn-beijing', zones: ['cn-beijing-h', 'cn-beijing-k'] };
      }),
    );
    expect(ofType(moved, PROVIDER).map((p) => p.region).sort()).toEqual(['cn-beijing', 'cn-hangzhou']);
    expect(named(moved, ALB, `${PREFIX}-secondary-web-alb`)).toMatchObject({ region: 'cn-beijing' });
    expect((named(moved, ALB, `${PREFIX}-secondary-web-alb`).inputs.zoneMappings as Array<{ zoneId: string }>).map((m) => m.zoneId)).toEqual(['cn-beijing-h', 'cn-beijing-k']);
    expect(named(moved, CLUSTER, `${PREFIX}-data-polardb-secondary-cluster`)).toMatchObject({ region: 'cn-beijing', inputs: { zoneId: 'cn-beijing-h' } });
    expect(named(moved, ALB, `${PREFIX}-primary-web-alb`).region).toBe('cn-hangzhou');
    expect(moved.outputs).toMatchObject({ sites: { secondary: { region: 'cn-beijing' } }, database: { clusters: { 'cn-beijing': { role: 'secondary' } } } });
  }, 60_000);

  test('database: rds gives RDS MySQL HA across the primary zones with SSL, backups and a read-only instance, and records the cross-region gap', async () => {
    const rdsManifest = await renderArchitecture(
      'dual-active',
      specWith((s) => {
        s.architectures['dual-active'].alicloud.database = 'rds';
      }),
    );
    expect(ofType(rdsManifest, CLUSTER)).toHaveLength(0);
    expect(ofType(rdsManifest, GDN)).toHaveLength(0);
    const instance = oneOfType(rdsManifest, RDS);
    expect(instance.region).toBe('cn-hangzhou');
    expect(instance.inputs).toMatchObject({
      engine: 'MySQL',
      engineVersion: '8.0',
      category: 'HighAvailability',
      zoneId: 'cn-hangzhou-h',
      zoneIdSlaveA: 'cn-hangzhou-i',
      sslAction: 'Open',
      securityIps: ['10.10.0.0/16'],
    });
    const backup = oneOfType(rdsManifest, 'alicloud:rds/backupPolicy:BackupPolicy');
    expect(backup.inputs).toMatchObject({ instanceId: `${instance.name}.id` });
    expect(backup.inputs.backupRetentionPeriod).toBeGreaterThanOrEqual(7);
    const readOnly = oneOfType(rdsManifest, 'alicloud:rds/readOnlyInstance:ReadOnlyInstance');
    expect(readOnly).toMatchObject({ region: 'cn-hangzhou', inputs: { masterDbInstanceId: `${instance.name}.id`, zoneId: 'cn-hangzhou-i' } });
    expect(rdsManifest.outputs).toMatchObject({ database: { engine: 'rds', instances: { 'cn-hangzhou': { instanceId: `${instance.name}.id` } } } });
    expect((rdsManifest.outputs.database as { gaps: string[] }).gaps[0]).toMatch(/read-only instances cannot live in another region/);
  }, 60_000);
});

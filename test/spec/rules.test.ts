import { cidrOverlapRule } from '../../stacks/spec/rules/cidr-overlap';
import { distinctRegionsRule } from '../../stacks/spec/rules/distinct-regions';
import { domainInZoneRule } from '../../stacks/spec/rules/domain-in-zone';
import { haZonesRule } from '../../stacks/spec/rules/ha-zones';
import { knownRegionRule } from '../../stacks/spec/rules/known-region';
import { privateAsnRule } from '../../stacks/spec/rules/private-asn';
import { recoveryObjectivesRule } from '../../stacks/spec/rules/recovery-objectives';
import { vpnTunnelsRule } from '../../stacks/spec/rules/vpn-tunnels';
import { twinstackSpec } from '../../stacks/spec/spec';
import { defaultSpecInput, problemLines } from '../helpers/spec';

/** The default spec with one change, parsed for shape only, so a single rule can be run on it. */
function parsedWith(edit: (input: any) => void) {
  const input = defaultSpecInput();
  edit(input);
  return twinstackSpec.parse(input);
}


describe('the default spec', () => {
  it('passes every rule', () => {
    expect(problemLines(() => {})).toEqual([]);
  });
});

describe('cidr overlap', () => {
  it('rejects two VPC ranges that overlap', () => {
    const spec = parsedWith((s) => (s.architectures['high-performance-web'].network.cidr = '10.10.128.0/17'));
    expect(cidrOverlapRule(spec)).toEqual([
      {
        path: 'architectures.high-performance-web.network.cidr',
        message: '10.10.128.0/17 overlaps 10.10.0.0/16 (architectures.dual-active.network.primaryCidr)',
      },
    ]);
  });

  it('rejects a VPC range that overlaps an on-premises range', () => {
    const spec = parsedWith((s) => s.architectures['hybrid-vpn'].onPremises.cidrs.push('10.60.8.0/21'));
    expect(cidrOverlapRule(spec).map((p) => p.path)).toEqual(['architectures.hybrid-vpn.onPremises.cidrs.2']);
  });

  it('ignores the ranges of a disabled architecture', () => {
    const spec = parsedWith((s) => {
      s.architectures['high-performance-web'].network.cidr = '10.10.0.0/16';
      s.architectures['high-performance-web'].enabled = false;
    });
    expect(cidrOverlapRule(spec)).toEqual([]);
  });
});

describe('distinct regions', () => {
  it('rejects a dual-active secondary region equal to the primary', () => {
    const spec = parsedWith((s) => (s.architectures['dual-active'].aws.secondary = { region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1c'] }));
    expect(distinctRegionsRule(spec)).toEqual([
      expect.objectContaining({ path: 'architectures.dual-active.aws.secondary.region' }),
    ]);
  });

  it('rejects a DR region equal to the primary region on Alibaba Cloud', () => {
    const spec = parsedWith((s) => (s.architectures['disaster-recovery'].alicloud.recovery = s.architectures['disaster-recovery'].alicloud.primary));
    expect(distinctRegionsRule(spec).map((p) => p.path)).toEqual(['architectures.disaster-recovery.alicloud.recovery.region']);
  });
});

describe('known regions and zones', () => {
  it('rejects a region that does not exist', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].aws.placement.region = 'eu-west-9'));
    expect(knownRegionRule(spec)).toEqual([
      { path: 'architectures.hybrid-vpn.aws.placement.region', message: '"eu-west-9" is not an AWS region' },
    ]);
  });

  it('rejects an AWS region on the Alibaba side', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].alicloud.placement = { region: 'us-east-2', zones: ['us-east-2a', 'us-east-2b'] }));
    expect(knownRegionRule(spec).map((p) => p.message)).toEqual(['"us-east-2" is not an Alibaba Cloud region']);
  });

  it('rejects a zone of another region', () => {
    const spec = parsedWith((s) => (s.architectures['dual-active'].aws.secondary.zones = ['eu-central-1a', 'eu-west-1b']));
    expect(knownRegionRule(spec)).toEqual([
      { path: 'architectures.dual-active.aws.secondary.zones.1', message: '"eu-west-1b" is not a zone of AWS region eu-central-1' },
    ]);
  });

  it('accepts Alibaba zones with and without the dash', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].alicloud.placement = { region: 'ap-southeast-1', zones: ['ap-southeast-1a', 'ap-southeast-1b'] }));
    expect(knownRegionRule(spec)).toEqual([]);
  });
});

describe('high availability zones', () => {
  it('rejects fewer than two zones where high availability is asked', () => {
    const spec = parsedWith((s) => (s.architectures['high-performance-web'].aws.placement.zones = ['eu-west-1a']));
    expect(haZonesRule(spec)).toEqual([
      { path: 'architectures.high-performance-web.aws.placement.zones', message: 'highAvailability needs at least two zones, got 1' },
    ]);
  });

  it('still needs two zones for a load-balanced site when high availability is off', () => {
    const spec = parsedWith((s) => {
      s.architectures['high-performance-web'].aws.placement.zones = ['eu-west-1a'];
      s.architectures['high-performance-web'].highAvailability = false;
    });
    expect(haZonesRule(spec)).toEqual([
      {
        path: 'architectures.high-performance-web.aws.placement.zones',
        message: 'the application load balancer needs at least two zones, got 1',
      },
    ]);
  });

  it('accepts one zone for the VPN when high availability is off', () => {
    const spec = parsedWith((s) => {
      s.architectures['hybrid-vpn'].aws.placement.zones = ['eu-west-1a'];
      s.architectures['hybrid-vpn'].highAvailability = false;
    });
    expect(haZonesRule(spec)).toEqual([]);
  });
});

describe('private BGP ASN', () => {
  it('rejects a public ASN on the on-premises side', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].onPremises.bgpAsn = 16509));
    expect(privateAsnRule(spec)).toEqual([
      {
        path: 'architectures.hybrid-vpn.onPremises.bgpAsn',
        message: '16509 is not a private BGP ASN (use 64512-65534 or 4200000000-4294967294)',
      },
    ]);
  });

  it('accepts a 4-byte private ASN', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].onPremises.bgpAsn = 4200000001));
    expect(privateAsnRule(spec)).toEqual([]);
  });

  it('rejects the same ASN on both sides', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].onPremises.bgpAsn = 64512));
    expect(privateAsnRule(spec).map((p) => p.path)).toEqual(['architectures.hybrid-vpn.cloudBgpAsn']);
  });
});

describe('VPN tunnels', () => {
  it('rejects an inside range that is not a /30 of 169.254.0.0/16', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].tunnels[0].insideCidr = '10.0.0.0/30'));
    expect(vpnTunnelsRule(spec).map((p) => p.path)).toEqual(['architectures.hybrid-vpn.tunnels.0.insideCidr']);
  });

  it('rejects an inside range the cloud reserves', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].tunnels[1].insideCidr = '169.254.169.252/30'));
    expect(vpnTunnelsRule(spec).map((p) => p.message)).toEqual([
      '169.254.169.252/30 is reserved by the cloud provider; pick another /30',
    ]);
  });

  it('rejects two tunnels with the same inside range', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].tunnels[1].insideCidr = '169.254.10.0/30'));
    expect(vpnTunnelsRule(spec).map((p) => p.path)).toEqual(['architectures.hybrid-vpn.tunnels.1.insideCidr']);
  });

  it('rejects a private on-premises gateway address', () => {
    const spec = parsedWith((s) => (s.architectures['hybrid-vpn'].onPremises.gatewayIp = '192.168.1.1'));
    expect(vpnTunnelsRule(spec).map((p) => p.path)).toEqual(['architectures.hybrid-vpn.onPremises.gatewayIp']);
  });
});

describe('recovery objectives', () => {
  it.each([
    ['backup-restore', 30, 600, 'rpoMinutes'],
    ['backup-restore', 60, 120, 'rtoMinutes'],
    ['pilot-light', 5, 60, 'rpoMinutes'],
    ['pilot-light', 15, 15, 'rtoMinutes'],
    ['warm-standby', 5, 2, 'rtoMinutes'],
  ])('rejects %s with RPO %i min and RTO %i min (%s)', (strategy, rpo, rto, field) => {
    const spec = parsedWith((s) => Object.assign(s.architectures['disaster-recovery'], { strategy, rpoMinutes: rpo, rtoMinutes: rto }));
    expect(recoveryObjectivesRule(spec).map((p) => p.path)).toEqual([`architectures.disaster-recovery.${field}`]);
  });

  it.each([
    ['backup-restore', 60, 240],
    ['pilot-light', 10, 30],
    ['warm-standby', 1, 5],
  ])('accepts %s at its best RPO %i min and RTO %i min', (strategy, rpo, rto) => {
    const spec = parsedWith((s) => Object.assign(s.architectures['disaster-recovery'], { strategy, rpoMinutes: rpo, rtoMinutes: rto }));
    expect(recoveryObjectivesRule(spec)).toEqual([]);
  });
});

describe('domains', () => {
  it('rejects a domain outside the DNS zone', () => {
    const spec = parsedWith((s) => (s.architectures['dual-active'].domain = 'app.example.org'));
    expect(domainInZoneRule(spec)).toEqual([
      { path: 'architectures.dual-active.domain', message: '"app.example.org" is not inside the DNS zone example.com' },
    ]);
  });

  it('does not take a zone-name suffix for a subdomain', () => {
    const spec = parsedWith((s) => (s.architectures['dual-active'].domain = 'app.notexample.com'));
    expect(domainInZoneRule(spec).map((p) => p.path)).toEqual(['architectures.dual-active.domain']);
  });
});

import { cidrProblem, isPublicIpv4 } from '../../stacks/spec/network';
import { domainNameProblem } from '../../stacks/spec/shared';
import { problemLines } from '../helpers/spec';


describe('CIDR syntax', () => {
  it.each([
    ['10.0.0.0/16', undefined],
    ['10.0.0/16', '"10.0.0/16" is not an IPv4 CIDR block (expected a.b.c.d/n)'],
    ['10.0.0.300/24', '"10.0.0.300/24" is not an IPv4 CIDR block (expected a.b.c.d/n)'],
    ['10.0.0.0/33', '"10.0.0.0/33" has a prefix length above 32'],
    ['10.0.1.0/16', '"10.0.1.0/16" has host bits set; the network address is 10.0.0.0/16'],
  ])('%s', (text, expected) => {
    expect(cidrProblem(text)).toBe(expected);
  });

  it('names the field of a malformed VPC range', () => {
    expect(problemLines((s) => (s.architectures['hybrid-vpn'].network.cidr = '10.60.0.0'))).toEqual([
      'architectures.hybrid-vpn.network.cidr: "10.60.0.0" is not an IPv4 CIDR block (expected a.b.c.d/n)',
    ]);
  });

  it('rejects a VPC range larger than /16', () => {
    expect(problemLines((s) => (s.architectures['hybrid-vpn'].network.cidr = '10.0.0.0/8'))).toEqual([
      'architectures.hybrid-vpn.network.cidr: a VPC CIDR block must have a prefix length between /16 and /24',
    ]);
  });
});

describe('domain names', () => {
  it.each([
    ['app.example.com', undefined],
    ['localhost', '"localhost" is not a domain name (needs at least two labels, e.g. app.example.com)'],
    ['App.example.com', '"App.example.com" must be lower case'],
    ['app_1.example.com', '"app_1.example.com" is not a domain name (label "app_1" must be 1-63 of a-z, 0-9 and inner dashes)'],
    ['-app.example.com', '"-app.example.com" is not a domain name (label "-app" must be 1-63 of a-z, 0-9 and inner dashes)'],
    ['app.example.123', '"app.example.123" is not a domain name (top-level label must be letters)'],
  ])('%s', (text, expected) => {
    expect(domainNameProblem(text)).toBe(expected);
  });

  it('names the field of a bad domain', () => {
    expect(problemLines((s) => (s.architectures['high-performance-web'].domain = 'www..example.com'))).toEqual([
      'architectures.high-performance-web.domain: "www..example.com" is not a domain name (label "" must be 1-63 of a-z, 0-9 and inner dashes)',
    ]);
  });
});

describe('public addresses', () => {
  it.each([
    ['203.0.113.10', true],
    ['8.8.8.8', true],
    ['10.1.2.3', false],
    ['172.20.0.1', false],
    ['100.64.0.1', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicIpv4(address)).toBe(expected);
  });
});

describe('shape errors', () => {
  it('names an unknown field, so typos do not pass silently', () => {
    expect(problemLines((s) => (s.architectures['disaster-recovery'].rpoMinute = 5))).toEqual([
      'architectures.disaster-recovery: unknown field(s): rpoMinute',
    ]);
  });

  it('names a missing required field', () => {
    expect(problemLines((s) => delete s.architectures['disaster-recovery'].strategy)).toEqual([
      expect.stringMatching(/^architectures\.disaster-recovery\.strategy: is required/),
    ]);
  });

  it('names a wrong type', () => {
    expect(problemLines((s) => (s.architectures['dual-active'].capacity.maxInstances = 'six'))).toEqual([
      expect.stringMatching(/^architectures\.dual-active\.capacity\.maxInstances: .*expected number/),
    ]);
  });

  it('rejects a minimum capacity above the maximum', () => {
    expect(problemLines((s) => (s.architectures['dual-active'].capacity.minInstances = 9))).toEqual([
      'architectures.dual-active.capacity.minInstances: minInstances must not exceed maxInstances',
    ]);
  });

  it('rejects more standby instances than the maximum', () => {
    expect(problemLines((s) => (s.architectures['disaster-recovery'].capacity.standbyInstances = 7))).toEqual([
      'architectures.disaster-recovery.capacity.standbyInstances: standbyInstances must not exceed maxInstances',
    ]);
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(problemLines((s) => (s.aws.account = '1234'))).toEqual(['aws.account: must be a 12-digit AWS account id']);
  });

  it('reports every problem at once, shape problems before cross-field rules', () => {
    const lines = problemLines((s) => {
      s.aws.account = 'x';
      s.architectures['dual-active'].domain = 'nope';
    });
    expect(lines).toHaveLength(2);
  });

  it('reports cross-field problems together', () => {
    const lines = problemLines((s) => {
      s.architectures['hybrid-vpn'].cloudBgpAsn = 100;
      s.architectures['disaster-recovery'].rtoMinutes = 1;
      s.architectures['dual-active'].aws.secondary = s.architectures['dual-active'].aws.primary;
    });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual([
      'architectures.disaster-recovery.rtoMinutes',
      'architectures.dual-active.aws.secondary.region',
      'architectures.hybrid-vpn.cloudBgpAsn',
    ]);
  });
});

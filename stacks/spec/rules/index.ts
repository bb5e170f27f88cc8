import { SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';
import { cidrOverlapRule } from './cidr-overlap';
import { distinctRegionsRule } from './distinct-regions';
import { domainInZoneRule } from './domain-in-zone';
import { haZonesRule } from './ha-zones';
import { knownRegionRule } from './known-region';
import { privateAsnRule } from './private-asn';
import { recoveryObjectivesRule } from './recovery-objectives';
import { serviceRegionsRule } from './service-regions';
import { vpnTunnelsRule } from './vpn-tunnels';

export type SpecRule = (spec: TwinstackSpec) => SpecProblem[];

/** Rules that look across fields; each field's own shape is checked by the zod schema first. */
export const SPEC_RULES: readonly SpecRule[] = [
  knownRegionRule,
  distinctRegionsRule,
  haZonesRule,
  cidrOverlapRule,
  privateAsnRule,
  vpnTunnelsRule,
  recoveryObjectivesRule,
  domainInZoneRule,
  serviceRegionsRule,
];

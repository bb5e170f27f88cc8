import { z } from 'zod';
import { cidrProblem, isIpv4 } from './network';

/** Shared building blocks of every architecture's spec: names, tags, networks, placement. */

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why a string is not a fully qualified DNS name, or undefined when it is one. */
export function domainNameProblem(text: string): string | undefined {
  if (text !== text.toLowerCase()) return `"${text}" must be lower case`;
  if (text.length > 253) return `"${text}" is longer than 253 characters`;
  const labels = text.split('.');
  if (labels.length < 2) return `"${text}" is not a domain name (needs at least two labels, e.g. app.example.com)`;
  const bad = labels.find((label) => !DOMAIN_LABEL.test(label));
  if (bad !== undefined) {
    return `"${text}" is not a domain name (label "${bad}" must be 1-63 of a-z, 0-9 and inner dashes)`;
  }
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]) && !/^xn--[a-z0-9-]+$/.test(labels[labels.length - 1])) {
    return `"${text}" is not a domain name (top-level label must be letters)`;
  }
  return undefined;
}

export const cidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const vpcCidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return;
  }
  const prefixLength = Number(value.split('/')[1]);
  if (prefixLength < 16 || prefixLength > 24) {
    ctx.addIssue({ code: 'custom', message: 'a VPC CIDR block must have a prefix length between /16 and /24' });
  }
});

export const domainName = z.string().superRefine((value, ctx) => {
  const problem = domainNameProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ipv4Address = z.string().refine(isIpv4, { message: 'must be an IPv4 address (a.b.c.d)' });

/** Names used in resource names: lower case, digits and dashes. */
export const resourceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/, 'must be 3-24 characters of a-z, 0-9 and dashes, starting with a letter');

export const tagMap = z.record(
  z.string().regex(/^[A-Za-z0-9 _.:/=+@-]{1,128}$/, 'tag keys are 1-128 characters of letters, digits, spaces and _.:/=+-@'),
  z.string().max(256, 'tag values are at most 256 characters'),
);

/** Where a site runs on one cloud: its region and the zones it spans. */
export const placement = z.strictObject({
  /** Region code of that cloud, e.g. `eu-west-1` or `cn-hangzhou`. */
  region: z.string(),
  /** Zones in that region; two or more where the architecture asks for high availability. */
  zones: z.array(z.string()).min(1, 'at least one zone is required'),
});
export type Placement = z.infer<typeof placement>;

/** Web tier size shared by both clouds. */
export const webCapacity = z
  .strictObject({
    /** Instances always running per site. */
    minInstances: z.number().int().min(0).max(100),
    /** Upper bound for autoscaling per site. */
    maxInstances: z.number().int().min(1).max(500),
    /** Average CPU the autoscaling policy aims for. */
    targetCpuPercent: z.number().int().min(10).max(90).default(50),
  })
  .refine((value) => value.minInstances <= value.maxInstances, {
    message: 'minInstances must not exceed maxInstances',
    path: ['minInstances'],
  });
export type WebCapacity = z.infer<typeof webCapacity>;

export const awsInstanceType = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type such as t4g.small');
export const alicloudInstanceType = z.string().regex(/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, 'must be an ECS instance type such as ecs.g7.large');

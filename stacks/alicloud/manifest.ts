/**
 * Renders the Alibaba Cloud program to resource manifests with no account and no Pulumi CLI: the
 * components run under Pulumi's mocks, every resource registration is recorded (type, name,
 * parent, provider region, inputs) and written with sorted keys, so the same spec always gives the
 * same bytes. Secrets show as "[secret]".
 */
import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec, WorkloadName } from '../spec';
import { isEnabled, WORKLOADS } from '../spec';
import type { Acknowledgement } from './acknowledgements';

export interface ManifestResource {
  readonly name: string;
  readonly type: string;
  /** `<type>::<name>` of the parent resource; absent at the top. */
  readonly parent?: string;
  /** Region of the provider the resource is created with (providers: their own region). */
  readonly region?: string;
  readonly inputs: Record<string, unknown>;
  /** Compliance findings accepted on this resource, with reasons. */
  readonly acknowledgements?: readonly Acknowledgement[];
}

export interface Manifest {
  /** The architecture or service rendered. */
  readonly architecture: WorkloadName;
  readonly component: string;
  /** The component's outputs, as an operator would read them after `pulumi up`. */
  readonly outputs: Record<string, unknown>;
  readonly resources: readonly ManifestResource[];
}

/** Pulumi's marker for a secret value in serialized inputs. */
const SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';

/**
 * Attributes the cloud computes, so components that pass them on (a load balancer's DNS name to a
 * DNS record) render a readable reference instead of nothing. Keyed by type token.
 */
const COMPUTED_ATTRIBUTES: Record<string, (name: string) => Record<string, unknown>> = {
  'alicloud:alb/loadBalancer:LoadBalancer': (name) => ({ dnsName: `${name}.dnsName` }),
  'alicloud:vpn/gateway:Gateway': (name) => ({ internetIp: `${name}.internetIp`, disasterRecoveryInternetIp: `${name}.disasterRecoveryInternetIp` }),
  'alicloud:cdn/domainNew:DomainNew': (name) => ({ cname: `${name}.cname` }),
  'alicloud:dcdn/domain:Domain': (name) => ({ cname: `${name}.cname` }),
  'alicloud:kvstore/instance:Instance': (name) => ({ connectionDomain: `${name}.connectionDomain` }),
  'alicloud:oss/bucket:Bucket': (name) => ({ extranetEndpoint: `${name}.extranetEndpoint`, intranetEndpoint: `${name}.intranetEndpoint` }),
  'alicloud:vpc/natGateway:NatGateway': (name) => ({ snatTableIds: `${name}.snatTableIds`, forwardTableIds: `${name}.forwardTableIds` }),
  'alicloud:ecs/eipAddress:EipAddress': (name) => ({ ipAddress: `${name}.ipAddress` }),
  'alicloud:polardb/cluster:Cluster': (name) => ({ connectionString: `${name}.connectionString` }),
  'alicloud:rds/instance:Instance': (name) => ({ connectionString: `${name}.connectionString` }),
  'alicloud:rds/readOnlyInstance:ReadOnlyInstance': (name) => ({ connectionString: `${name}.connectionString` }),
  'alicloud:cen/transitRouter:TransitRouter': (name) => ({ transitRouterId: `${name}.transitRouterId` }),
  'alicloud:wafv3/domain:Domain': (name) => ({ cname: `${name}.cname` }),
  'alicloud:wafv3/defenseTemplate:DefenseTemplate': (name) => ({ defenseTemplateId: `${name}.defenseTemplateId` }),
  'alicloud:fc/v3Trigger:V3Trigger': (name) => ({ httpTrigger: { urlInternet: `${name}.urlInternet` } }),
  'alicloud:ram/role:Role': (name) => ({ arn: `${name}.arn` }),
};

/** Sorted keys at every depth; secrets replaced by "[secret]". */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (SECRET_SIG_KEY in record) return '[secret]';
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => [key, canonical(record[key])]),
    );
  }
  return value;
}

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly providerName?: string;
}

function providerNameOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const id = reference.split('::').pop() ?? '';
  return id.endsWith('.id') ? id.slice(0, -'.id'.length) : undefined;
}

/** Renders the enabled architectures and services (or those named) to one manifest each. */
export async function renderManifests(
  spec: TwinstackSpec,
  only: readonly WorkloadName[] = WORKLOADS.filter((w) => isEnabled(spec, w)),
): Promise<Record<string, Manifest>> {
  const registrations: Registration[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, providerName: providerNameOf(args.provider) });
        return { id: `${args.name}.id`, state: { ...args.inputs, ...COMPUTED_ATTRIBUTES[args.type]?.(args.name) } };
      },
      call() {
        throw new Error('components must not call data sources: their results depend on the account and break offline rendering');
      },
    },
    spec.project,
    spec.environment,
    false,
  );
  // Loaded after the mocks are in place, as Pulumi requires.
  const { ALICLOUD_COMPONENTS, componentName } = await import('./components');
  const { acknowledgementsOf } = await import('./acknowledgements');

  const created: Array<{ resource: pulumi.Resource; key: string; parent?: string; root: string }> = [];
  const keys = new Map<pulumi.Resource, { key: string; root: string }>();
  let constructionError: unknown;
  const outputs = (await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const key = `${args.type}::${args.name}`;
      const parent = args.opts.parent ? keys.get(args.opts.parent) : undefined;
      const root = parent?.root ?? key;
      keys.set(args.resource, { key, root });
      created.push({ resource: args.resource, key, parent: parent?.key, root });
      return undefined;
    });
    const result: Record<string, pulumi.Output<Record<string, unknown>>> = {};
    try {
      for (const architecture of only) {
        result[architecture] = ALICLOUD_COMPONENTS[architecture](componentName(spec, architecture), spec, {}).outputs;
      }
    } catch (error) {
      // Thrown out of the stack's init, Pulumi would also report it as an uncaught error and end
      // the process; kept here, it becomes this function's rejection.
      constructionError = error;
    }
    return result;
  })) as Record<string, Record<string, unknown>>;
  if (constructionError !== undefined) throw constructionError;
  // A resource is registered once its inputs resolve; its URN resolves after that.
  await Promise.all(created.map(({ resource }) => new Promise((resolve) => resource.urn.apply(resolve))));

  const byKey = new Map<string, Registration>();
  for (const registration of registrations) {
    const key = `${registration.type}::${registration.name}`;
    if (byKey.has(key)) throw new Error(`two resources are named ${key}; names must be unique in a manifest`);
    byKey.set(key, registration);
  }
  const regionOfProvider = (name?: string) =>
    name === undefined ? undefined : (byKey.get(`pulumi:providers:alicloud::${name}`)?.inputs.region as string | undefined);

  const manifests: Record<string, Manifest> = {};
  for (const architecture of only) {
    const component = componentName(spec, architecture);
    const rootKey = created.find((c) => c.key.endsWith(`::${component}`) && !c.parent)?.key;
    const resources = created
      .filter((c) => c.root === rootKey)
      .map(({ resource, key, parent }): ManifestResource => {
        const registration = byKey.get(key);
        if (!registration) throw new Error(`resource ${key} was constructed but never registered`);
        const isProvider = registration.type === 'pulumi:providers:alicloud';
        const acknowledgements = acknowledgementsOf(resource);
        return {
          name: registration.name,
          type: registration.type,
          ...(parent ? { parent } : {}),
          ...(isProvider
            ? { region: registration.inputs.region as string }
            : registration.providerName
              ? { region: regionOfProvider(registration.providerName) }
              : {}),
          inputs: canonical(registration.inputs) as Record<string, unknown>,
          ...(acknowledgements.length ? { acknowledgements } : {}),
        };
      })
      .sort((a, b) => (a.name === b.name ? a.type.localeCompare(b.type) : a.name.localeCompare(b.name)));
    manifests[architecture] = canonical({ architecture, component, outputs: outputs[architecture] ?? {}, resources }) as Manifest;
  }
  return manifests;
}

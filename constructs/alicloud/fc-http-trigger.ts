import * as alicloud from '@pulumi/alicloud';
import type * as pulumi from '@pulumi/pulumi';
import type { PublicJwk } from '../../stacks/spec/service-desk';

/**
 * The HTTP trigger's configuration (FC 3.0 `HTTPTriggerConfig`, as the Serverless Devs FC3
 * component sends it): every method; with keys, JWT authentication reading `Authorization: Bearer`,
 * the health path on the whitelist.
 */
export function httpTriggerConfig(triggerKeys: readonly PublicJwk[] | undefined, healthPath: string): string {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
  if (!triggerKeys) return JSON.stringify({ authType: 'anonymous', disableURLInternet: false, methods });
  return JSON.stringify({
    authType: 'jwt',
    authConfig: {
      jwks: { keys: triggerKeys },
      tokenLookup: 'header:Authorization:Bearer ',
      claimPassBy: 'header:sub:x-jwt-sub',
      whitelist: [healthPath],
    },
    disableURLInternet: false,
    methods,
  });
}

export interface FcHttpTriggerArgs {
  /** Function the trigger invokes (its `LATEST` version). */
  readonly functionName: pulumi.Input<string>;
  /** Public keys FC checks bearer tokens against; none leaves the check to the function. */
  readonly triggerKeys?: readonly PublicJwk[];
  /** Path answered without a token when keys are given. */
  readonly healthPath: string;
}

/** The HTTPS entry of a function: an HTTP trigger named `http` (resource `name`, a child of `parent`). */
export function fcHttpTrigger(name: string, args: FcHttpTriggerArgs, parent: pulumi.Resource): alicloud.fc.V3Trigger {
  return new alicloud.fc.V3Trigger(
    name,
    {
      functionName: args.functionName,
      triggerName: 'http',
      triggerType: 'http',
      qualifier: 'LATEST',
      description: args.triggerKeys ? 'HTTPS entry; FC checks bearer tokens (JWT) except on the health path' : 'HTTPS entry; the function checks bearer tokens',
      triggerConfig: httpTriggerConfig(args.triggerKeys, args.healthPath),
    },
    { parent },
  );
}

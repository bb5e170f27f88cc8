/** Turns what the Cost Explorer client throws into a `CostSourceError` a user can act on. */
import { CostSourceError, type CostSourceFailure } from './errors';

/** Cost Explorer and AWS error names, by the kind of failure they are. */
const FAILURE_OF_ERROR: Readonly<Record<string, CostSourceFailure>> = {
  LimitExceededException: 'throttled',
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  UnrecognizedClientException: 'denied',
  InvalidSignatureException: 'denied',
  InvalidClientTokenId: 'denied',
  ExpiredTokenException: 'denied',
  AccessDeniedException: 'denied',
  CredentialsProviderError: 'denied',
  ValidationException: 'invalid-request',
  DataUnavailableException: 'invalid-request',
  BillExpirationException: 'invalid-request',
  InvalidNextTokenException: 'invalid-request',
  RequestChangedException: 'invalid-request',
};

const ADVICE: Readonly<Record<CostSourceFailure, string>> = {
  throttled: 'Cost Explorer is throttling this account; try again later',
  denied: 'check the credentials and that they allow ce:GetCostAndUsage',
  'invalid-request': 'Cost Explorer refused the request',
  unavailable: 'Cost Explorer could not be reached or failed',
};

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

/** A `CostSourceError` for an error thrown by `client.send`, naming the error and how many attempts were made. */
export function costExplorerError(source: string, operation: string, error: unknown): CostSourceError {
  const sdkError = (error ?? {}) as SdkErrorShape;
  const code = sdkError.name && sdkError.name !== 'Error' ? sdkError.name : sdkError.code ?? 'Error';
  const failure = FAILURE_OF_ERROR[code] ?? 'unavailable';
  const attempts = sdkError.$metadata?.attempts;
  const tried = attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '';
  return new CostSourceError(source, operation, failure, code, `${ADVICE[failure]}${tried}: ${sdkError.message ?? String(error)}`);
}

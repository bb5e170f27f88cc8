/** What every Lambda entry behind the HTTP API does to its event before the app sees it. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { HttpRequest } from '../ticketing/http/types';
import { principalFromClaims } from './claims';
import { bodyText, lowerCaseHeaders } from './gateway-event';

/** The app's request for an HTTP API (payload 2.0) event; the caller from the JWT authorizer's claims. */
export function requestFromApiGateway(event: APIGatewayProxyEventV2WithJWTAuthorizer): HttpRequest {
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: event.queryStringParameters ?? {},
    headers: lowerCaseHeaders(event.headers),
    body: bodyText(event.body, event.isBase64Encoded),
    principal: principalFromClaims(event.requestContext.authorizer?.jwt?.claims),
    requestId: event.requestContext.requestId,
  };
}

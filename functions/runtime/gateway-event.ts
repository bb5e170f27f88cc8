/** What the Lambda and Function Compute entries both do to a gateway's event before the app sees it. */

/** Header names lower-cased, as the app reads them; absent values dropped. */
export function lowerCaseHeaders(headers: Readonly<Record<string, string | undefined>> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) lowered[name.toLowerCase()] = value;
  return lowered;
}

/** The body as text, decoded when the gateway base64-encoded it; undefined when there is none. */
export function bodyText(body: string | undefined, isBase64Encoded: boolean | undefined): string | undefined {
  if (body === undefined || body === '') return undefined;
  return isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

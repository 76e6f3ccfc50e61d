/**
 * Requests in a wire protocol the sandbox does not serve for that service — awsQuery (a
 * form-encoded `Action=…` POST, as older CloudWatch SDKs send) and Smithy RPC v2 CBOR
 * (`smithy-protocol: rpc-v2-cbor`, `/service/<Service>/operation/<Operation>`) — answered with an
 * error in the client's own protocol, so its SDK raises a named exception with a message saying what
 * the sandbox serves instead of failing to parse a 404 page.
 *
 * - awsQuery: the XML `ErrorResponse` (`Error/Type, Code, Message` and `RequestId`) every query
 *   service uses; code `InvalidAction`, AWS's common error for an action the endpoint does not offer.
 * - RPC v2 CBOR: a CBOR map `{"__type", "message"}` with the `smithy-protocol: rpc-v2-cbor` header,
 *   the shape the Smithy RPC v2 CBOR protocol specifies for errors; code `UnknownOperationException`,
 *   as the sandbox answers an operation it does not serve over JSON.
 */
import type { IncomingMessage } from 'node:http';
import { SandboxError, type RestResponse } from '../types.js';
import { headerValue } from './http-io.js';
import { xmlEscape } from './xml.js';
import { cbor } from '@smithy/core/cbor';

export type UnservedProtocol = { protocol: 'awsQuery'; operation: string } | { protocol: 'rpcv2Cbor'; operation: string; serviceName: string };

const CBOR_PATH = /^\/service\/([^/]+)\/operation\/([^/]+)$/;

/** Which unserved protocol a request speaks, if any (awsJson and REST requests answer undefined). */
export function unservedProtocolOf(req: IncomingMessage, path: string, body: string): UnservedProtocol | undefined {
  if (headerValue(req, 'smithy-protocol') === 'rpc-v2-cbor') {
    const m = CBOR_PATH.exec(path);
    return { protocol: 'rpcv2Cbor', serviceName: m?.[1] ?? 'unknown', operation: m?.[2] ?? `POST ${path}` };
  }
  const type = headerValue(req, 'content-type') ?? '';
  if ((req.method ?? 'GET') === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body).get('Action');
    if (action) return { protocol: 'awsQuery', operation: action };
  }
  return undefined;
}

/** The protocol the sandbox does serve for each SigV4 signing name that old or new SDKs reach this way. */
const SERVED: Record<string, string> = {
  monitoring: 'awsJson1_0 (X-Amz-Target: GraniteServiceVersion20100801.<Operation>), as @aws-sdk/client-cloudwatch 3.x sends by default',
};

function explanation(found: UnservedProtocol, signingName: string | undefined): string {
  const name = found.protocol === 'awsQuery' ? 'awsQuery (form-encoded Action=…)' : 'Smithy RPC v2 CBOR';
  const served = SERVED[signingName ?? ''] ?? 'awsJson or the service\'s REST protocol';
  return `The sandbox does not serve ${name} requests (${found.operation}); it serves this service over ${served}.`;
}

/** The refusal itself: the operation is not served in this protocol. */
export function unservedProtocolRefusal(found: UnservedProtocol, signingName: string | undefined): SandboxError {
  const code = found.protocol === 'awsQuery' ? 'InvalidAction' : 'UnknownOperationException';
  return new SandboxError(code, explanation(found, signingName), 400);
}

/** Any error (the refusal, or a fault's throttle or outage answer) in the client's protocol. */
export function encodeInProtocol(found: UnservedProtocol, err: SandboxError, signingName: string | undefined, requestId: string): RestResponse {
  if (found.protocol === 'awsQuery') {
    const xmlns = signingName ? ` xmlns="http://${xmlEscape(signingName)}.amazonaws.com/doc/2010-08-01/"` : '';
    const type = err.status >= 500 ? 'Receiver' : 'Sender';
    return {
      status: err.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-errortype': err.code },
      body:
        `<ErrorResponse${xmlns}><Error><Type>${type}</Type><Code>${xmlEscape(err.code)}</Code>` +
        `<Message>${xmlEscape(err.message)}</Message></Error><RequestId>${xmlEscape(requestId)}</RequestId></ErrorResponse>`,
    };
  }
  return {
    status: err.status,
    headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-errortype': err.code },
    // The SDK's own CBOR codec (@smithy/core/cbor), the one its RPC v2 CBOR clients parse with.
    rawBody: cbor.serialize({ __type: err.code, message: err.message }),
  };
}

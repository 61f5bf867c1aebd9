// Node's HTTP parser refuses some requests before Fastify sees them (headers over 16 KiB, a
// malformed request line, a request that took too long to arrive). Those answers are written on
// the socket here, as problem+json like every other error, instead of Fastify's plain JSON.
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { problemBody } from './errors.js';

type ParserError = Error & { code?: string; reason?: string; rawPacket?: unknown };

/** The path of the refused request when the bytes received show one, for the problem's instance. */
function pathOf(rawPacket: unknown): string {
  const line = Buffer.isBuffer(rawPacket) ? rawPacket.subarray(0, 2048).toString('latin1') : '';
  return /^[A-Z]+ (\/[^\s?#]*)/.exec(line)?.[1] ?? '/';
}

function describe(err: ParserError): { status: number; detail: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        detail: `The request line and headers are larger than ${maxHeaderSize} bytes (the URL counts). Shorten the URL or send fewer headers.`,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, detail: 'The request did not arrive in time; send it again.' };
    default:
      return { status: 400, detail: `The request is not valid HTTP/1.1 (${err.reason ?? err.message}).` };
  }
}

/** Fastify's clientErrorHandler: answers the parser's refusal as problem+json, then closes the connection. */
export function clientErrorHandler(this: { log: FastifyBaseLogger }, err: ParserError, socket: Socket) {
  // A reset connection, or one already gone: there is no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = describe(err);
  this.log.debug({ err, status }, 'HTTP parser refused a request');
  // Not when a response on this connection is already under way: the bytes would corrupt it.
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const body = JSON.stringify(problemBody(status, detail, pathOf(err.rawPacket)));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    // A peer that never reads must not hold the socket open.
    socket.setTimeout(5_000, () => socket.destroy());
    return;
  }
  socket.destroy(err);
}

// Errors that happen before Fastify sees a request (Node's HTTP parser) or while a body is still
// arriving, on a real listening server: each must still reach the client as problem+json.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { NO_LIMITS } from './helpers/app.js';

let app: App;
let port: number;

beforeAll(async () => {
  app = await buildApp({ databasePath: ':memory:', limits: NO_LIMITS, bodyLimit: 1024 * 1024 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(() => app.close());

/** Writes raw bytes on a new connection and returns everything the server sent until it closed. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (err) => (received ? resolve(received) : reject(err)));
    socket.on('close', () => resolve(received));
    socket.write(bytes);
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

function parse(response: string) {
  const [head, body = ''] = response.split('\r\n\r\n');
  const [statusLine, ...lines] = head!.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), statusLine: statusLine!, headers, body };
}

function expectProblem(response: { status: number; headers: Record<string, string>; body: string }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  const problem = JSON.parse(response.body);
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^urn:editorial-data-api:problem:/), title: expect.any(String) });
  expect(problem.detail.length).toBeGreaterThan(10);
  return problem;
}

describe("the HTTP parser's refusals", () => {
  it('answers a URL over the 16 KiB header limit with 431 problem+json', async () => {
    const url = `/v1/articles?q=${'a'.repeat(20 * 1024)}`;
    const res = await fetch(`http://127.0.0.1:${port}${url}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', type: 'urn:editorial-data-api:problem:request-header-fields-too-large' });
    expect(problem.detail).toContain('16384');
    expect(problem.instance).toBe('/v1/articles');
  });

  it('answers a malformed request line with 400 problem+json', async () => {
    const response = parse(await raw('GET /v1/articles HTTP/1.1 extra\r\nHost: x\r\n\r\n'));
    expectProblem(response, 400);
    expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(response.headers.connection).toBe('close');
  });

  it('answers garbage with 400 problem+json', async () => {
    expectProblem(parse(await raw('\x16\x03\x01 not http at all\r\n\r\n')), 400);
  });
});

describe('a body over BODY_LIMIT sent without Expect: 100-continue', () => {
  /**
   * POSTs `size` bytes in 64 KiB chunks, a few milliseconds apart as over a real network, reading
   * nothing until it has written everything (as curl does). Returns what it then reads, or how
   * writing failed.
   */
  async function postLarge(size: number, headers: string, connection = 'close') {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    let failure: string | undefined;
    socket.on('error', (err: NodeJS.ErrnoException) => (failure ??= err.code));
    const write = (bytes: string | Buffer) =>
      new Promise<void>((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve())));
    let written = 0;
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      await write(`POST /v1/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: ${connection}\r\n${headers}Content-Length: ${size}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, ' ');
      for (; written < size; written += chunk.length) {
        await write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } catch (err) {
      failure ??= (err as NodeJS.ErrnoException).code;
    }
    socket.resume();
    socket.setTimeout(3_000, () => socket.end());
    await closed.catch(() => undefined);
    return { failure, written, response: received ? parse(received) : undefined };
  }

  it('lets the client write its whole body and read the 413 problem+json, not a reset connection', async () => {
    const key = await app.store.createKey('wire-desk', ['write']);
    const { failure, written, response } = await postLarge(3 * 1024 * 1024, `Authorization: Bearer ${key}\r\n`);
    expect(failure).toBeUndefined();
    expect(written).toBe(3 * 1024 * 1024);
    const problem = expectProblem(response!, 413);
    expect(problem.detail).toBe('The request body is larger than the limit of 1048576 bytes.');
  });

  it('does the same for a refusal that comes before the body is read (no key: 401)', async () => {
    const { failure, response } = await postLarge(3 * 1024 * 1024, '');
    expect(failure).toBeUndefined();
    expectProblem(response!, 401);
  });

  it('drains no more than 4 times BODY_LIMIT: past that the connection is closed', async () => {
    const key = await app.store.createKey('wire-flood', ['write']);
    // 413, and 401 on a kept-alive connection (which Node would otherwise read to the end).
    for (const headers of [`Authorization: Bearer ${key}\r\n`, '']) {
      const { failure, written } = await postLarge(12 * 1024 * 1024, headers, 'keep-alive');
      expect(failure, headers).toMatch(/^(EPIPE|ECONNRESET)$/);
      expect(written, headers).toBeLessThan(8 * 1024 * 1024);
    }
  });
});

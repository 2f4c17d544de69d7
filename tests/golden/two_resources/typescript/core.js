// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/core.js.jinja. Do not edit.
/**
 * The transport every resource calls into: authentication, bodies, timeouts, retries.
 * Uses only what Node 20 has built in (node:http, node:https, node:crypto). The retry policy
 * and the media policy (how bodies and files are sent, how answers are read) are rendered from
 * the generator's one declaration of them, shared with the Python and PHP clients.
 */

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { basename } from 'node:path';

import { APIConnectionError, APIError, APITimeoutError, errorFromStatus } from './errors.js';
import { APIPromise, RawResponse } from './response.js';
import { PagePromise, Page } from './pagination.js';

/** @import { ApiRequest, ClientOptions, ClientSettings, PaginationSpec, RequestOptions } from './core.js' */

const DEFAULT_TIMEOUT_MS = 60000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10000;
const DEFAULT_MAX_RETRIES = 2;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8000;
// A backoff delay is shortened at random by up to this fraction.
const RETRY_JITTER = 0.25;
// A longer Retry-After than this is not waited for: the error goes to the caller instead.
const MAX_RETRY_AFTER_MS = 60000;
// Besides every 5xx.
const RETRY_STATUSES = new Set([408, 409, 429]);
// A file part's name when the file has none (a Buffer, a Blob that is no File).
const DEFAULT_FILE_NAME = 'upload';
// A file's media type when neither the caller nor the name's extension tell it.
const DEFAULT_FILE_MEDIA_TYPE = 'application/octet-stream';
// A file's media type from its name's extension (the same table in every client).
/** @type {Record<string, string>} */
const MEDIA_TYPES = {
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  gif: 'image/gif',
  gz: 'application/gzip',
  htm: 'text/html',
  html: 'text/html',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  md: 'text/markdown',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  wav: 'audio/wav',
  webp: 'image/webp',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml',
  zip: 'application/zip',
};
// Milliseconds before an OAuth2 token expires that a new one is fetched.
const REFRESH_MARGIN_MS = 30000;
/**
 * Each security scheme of the spec, as the client applies it: `arguments` are the credentials'
 * names (`token` is the constructor's first argument, the others `ClientOptions`), `env` the
 * environment variables read when they are not given.
 * @typedef {{ kind: string, location: string, name: string, arguments: string[], env: string[], tokenUrl?: string, scopes?: string[] }} Scheme
 */
/** @type {Record<string, Scheme>} */
const SCHEMES = {
  "bearerAuth": {
    "kind": "bearer",
    "location": "header",
    "name": "Authorization",
    "arguments": [
      "token"
    ],
    "env": [
      "PROTOCOL_API_TOKEN"
    ]
  }
};
// Every operation needs a credential: a client made without any is refused at once.
const ALWAYS_REQUIRED = true;
// What joins an array's items (or an object's keys and values) in one parameter, by style.
/** @type {Record<string, string>} */
const SEPARATORS = {"form": ",", "pipeDelimited": "|", "simple": ",", "spaceDelimited": " "};


/**
 * What the credentials add to one request.
 * @typedef {{ headers: Record<string, string>, query: Array<[string, string]>, cookies: Record<string, string> }} Sent
 */

export class BaseClient {
  /** @type {Record<string, string>} */
  #credentials = {};
  /** @type {Map<string, { token: string, expiresAt: number }>} */
  #tokens = new Map();
  /** The token fetches under way, so that calls made at once share one fetch. */
  /** @type {Map<string, Promise<string>>} */
  #fetching = new Map();
  /** @type {string} */
  #userAgent;

  /**
   * @param {string | undefined} token
   * @param {ClientOptions} options
   * @param {ClientSettings} settings
   */
  constructor(token, options, settings) {
    const given = /** @type {Record<string, unknown>} */ ({ ...options, token });
    for (const scheme of Object.values(SCHEMES)) {
      scheme.arguments.forEach((argument, index) => {
        const value = given[argument];
        const resolved = typeof value === 'string' && value ? value : readEnv(scheme.env[index] ?? '');
        if (resolved) this.#credentials[argument] = resolved;
      });
    }
    if (ALWAYS_REQUIRED && !Object.keys(SCHEMES).some((name) => this.#has(name))) {
      throw new APIError(`No credentials: ${wanted(Object.keys(SCHEMES))}.`);
    }
    this.#userAgent = settings.userAgent;
    /** @type {string} */
    this.baseUrl = (options.baseUrl || readEnv(settings.baseUrlEnv) || settings.defaultBaseUrl).replace(/\/+$/, '');
    /** @type {number} */
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    /** @type {number} */
    this.connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS;
    /** @type {number} */
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  }

  /**
   * A copy of this client with other defaults.
   * @param {ClientOptions} options
   * @returns {this}
   */
  withOptions(options) {
    const Client = /** @type {new (token: string | undefined, options: ClientOptions) => this} */ (this.constructor);
    return new Client(this.#credentials.token, {
      ...this.#credentials,
      baseUrl: this.baseUrl,
      timeout: this.timeout,
      connectTimeout: this.connectTimeout,
      maxRetries: this.maxRetries,
      ...options,
    });
  }

  /**
   * Sends one request, retrying it when it is safe to; resolves to the parsed JSON body
   * (undefined when the response has none), typed as the operation's result by the caller.
   * `.withResponse()` on what it returns gives the HTTP response too.
   * @template [Result=unknown]
   * @param {ApiRequest} request
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Result>}
   */
  request(request, options = {}) {
    return new APIPromise(
      this.#send(request, options).then((response) => ({
        data: /** @type {Result} */ (parseSuccessBody(request, response)),
        response,
      })),
    );
  }

  /**
   * Sends a list request; the page it resolves to can fetch the pages after it.
   * @template Item
   * @param {ApiRequest} request
   * @param {PaginationSpec} pagination
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Item>}
   */
  requestPage(request, pagination, options = {}) {
    /** @type {(query: Record<string, unknown>) => Promise<{ data: Page<Item>, response: RawResponse }>} */
    const fetchPage = async (query) => {
      const { data, response } = await this.request({ ...request, query }, options).withResponse();
      const page = new Page(/** @type {Record<string, unknown>} */ (data), pagination, query, async (next) =>
        (await fetchPage(next)).data,
      );
      return { data: page, response };
    };
    return new PagePromise(fetchPage({ ...request.query }));
  }

  /**
   * One request with its retries: the response of the last attempt, or the error.
   * @param {ApiRequest} request
   * @param {RequestOptions} options
   * @returns {Promise<RawResponse>}
   */
  async #send(request, options) {
    const maxRetries = request.retrySafe ? (options.maxRetries ?? this.maxRetries) : 0;
    const sent = await this.#authenticate(request);
    const pairs = [...queryPairs(request.query ?? {}, request.styles ?? {}), ...sent.query];
    const url = this.baseUrl + request.path + (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '');
    /** @type {Record<string, string>} */
    const parameters = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined) parameters[name] = flat(value, request.styles?.[name]?.[1] ?? false).join(',');
    }
    const cookies = Object.entries({ ...request.cookies, ...sent.cookies })
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${flat(value, false).join(',')}`);
    if (cookies.length) parameters.Cookie = cookies.join('; ');
    /** @type {Record<string, string>} */
    const headers = {
      Accept: request.accept ?? 'application/json',
      'User-Agent': this.#userAgent,
      ...parameters,
      ...sent.headers,
      ...options.headers,
    };
    if (request.idempotencyHeader) {
      // One key for the call, sent again on each retry: the server acts on it once.
      headers[request.idempotencyHeader] = options.idempotencyKey ?? randomUUID();
    }
    // Built whole, files read, before the first attempt: each retry sends these same bytes.
    const encoded = await encodeBody(request);
    const body = encoded?.bytes;
    if (encoded !== undefined) headers['Content-Type'] = encoded.contentType;
    const timeouts = {
      connect: options.connectTimeout ?? this.connectTimeout,
      read: options.timeout ?? this.timeout,
    };
    for (let attempt = 0; ; attempt++) {
      /** @type {RawResponse} */
      let response;
      try {
        response = await send(request.method, url, headers, body, timeouts);
      } catch (error) {
        if (error instanceof APIConnectionError && attempt < maxRetries) {
          await sleep(backoffDelay(attempt));
          continue;
        }
        throw error;
      }
      if (response.status >= 200 && response.status < 300) return response;
      if (retries(response.status) && attempt < maxRetries) {
        const delay = retryAfterDelay(response.headers) ?? backoffDelay(attempt);
        if (delay <= MAX_RETRY_AFTER_MS) {
          await sleep(delay);
          continue;
        }
      }
      throw errorFromStatus(response.status, parseErrorBody(response.text), response.headers);
    }
  }

  /**
   * @param {string} name
   * @returns {boolean}
   */
  #has(name) {
    return (SCHEMES[name]?.arguments ?? []).every((argument) => argument in this.#credentials);
  }

  /**
   * The credentials of the call: the first alternative the client has every credential of.
   * @param {ApiRequest} request
   * @returns {Promise<Sent>}
   */
  async #authenticate(request) {
    /** @type {Sent} */
    const sent = { headers: {}, query: [], cookies: {} };
    const security = request.security ?? [];
    const chosen = security.find((alternative) => alternative.every((name) => this.#has(name)));
    if (chosen === undefined) {
      if (security.length === 0) return sent;
      throw new APIError(`No credentials for ${request.method} ${request.path}: ${wanted([...new Set(security.flat())])}.`);
    }
    for (const name of chosen) {
      const scheme = /** @type {Scheme} */ (SCHEMES[name]);
      const [first = '', second = ''] = scheme.arguments.map((argument) => this.#credentials[argument] ?? '');
      let value = first;
      if (scheme.kind === 'oauth2') value = `Bearer ${await this.#oauthToken(name, scheme, first, second)}`;
      else if (scheme.kind === 'bearer') value = `Bearer ${first}`;
      else if (scheme.kind === 'basic') value = `Basic ${Buffer.from(`${first}:${second}`).toString('base64')}`;
      if (scheme.location === 'query') sent.query.push([scheme.name, value]);
      else if (scheme.location === 'cookie') sent.cookies[scheme.name] = value;
      else sent.headers[scheme.name] = value;
    }
    return sent;
  }

  /**
   * An OAuth2 client-credentials token: the kept one until shortly before it expires, else the
   * one being fetched (one fetch however many calls find the token due at once).
   * @param {string} name
   * @param {Scheme} scheme
   * @param {string} clientId
   * @param {string} clientSecret
   * @returns {Promise<string>}
   */
  async #oauthToken(name, scheme, clientId, clientSecret) {
    const kept = this.#tokens.get(name);
    if (kept !== undefined && Date.now() < kept.expiresAt - REFRESH_MARGIN_MS) return kept.token;
    let fetching = this.#fetching.get(name);
    if (fetching === undefined) {
      fetching = this.#fetchToken(name, scheme, clientId, clientSecret).finally(() => this.#fetching.delete(name));
      this.#fetching.set(name, fetching);
    }
    return fetching;
  }

  /**
   * Fetches a token and keeps it until it expires.
   * @param {string} name
   * @param {Scheme} scheme
   * @param {string} clientId
   * @param {string} clientSecret
   * @returns {Promise<string>}
   */
  async #fetchToken(name, scheme, clientId, clientSecret) {
    const tokenUrl = scheme.tokenUrl ?? '';
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(tokenUrl) ? tokenUrl : `${this.baseUrl}/${tokenUrl.replace(/^\/+/, '')}`;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scheme.scopes?.length) form.set('scope', scheme.scopes.join(' '));
    const pair = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const headers = {
      Accept: 'application/json',
      Authorization: `Basic ${pair}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': this.#userAgent,
    };
    const response = await send('POST', url, headers, Buffer.from(form.toString(), 'utf8'), { connect: this.connectTimeout, read: this.timeout });
    if (response.status < 200 || response.status >= 300) {
      throw errorFromStatus(response.status, parseErrorBody(response.text), response.headers);
    }
    const answer = /** @type {{ access_token?: unknown, expires_in?: unknown } | null} */ (parseErrorBody(response.text));
    if (typeof answer?.access_token !== 'string') {
      throw new APIError(`The token response of ${url} has no access_token.`);
    }
    const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : Infinity;
    this.#tokens.set(name, { token: answer.access_token, expiresAt: Date.now() + expiresIn });
    return answer.access_token;
  }
}

/**
 * What to pass for any of `schemes`, in words.
 * @param {string[]} schemes
 * @returns {string}
 */
function wanted(schemes) {
  return schemes
    .map((name) => {
      const scheme = SCHEMES[name];
      if (scheme === undefined) return name;
      return `pass ${scheme.arguments.map((a) => `\`${a}\``).join(' and ')} to the client or set ${scheme.env.join(' and ')}`;
    })
    .join('; or ');
}

/**
 * A scalar as a parameter holds it: booleans `true`/`false`, numbers in decimal.
 * @param {unknown} value
 * @returns {string}
 */
function text(value) {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * An array's items, or an object's keys and values (`key=value` when exploded), as text.
 * @param {unknown} value
 * @param {boolean} explode
 * @returns {string[]}
 */
function flat(value, explode) {
  if (Array.isArray(value)) return value.map(text);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (explode ? [`${key}=${text(item)}`] : [key, text(item)]));
  }
  return [text(value)];
}

/**
 * A path parameter in its style, escaped so that `/` or `?` in it cannot change the URL:
 * `simple` (`a,b`), `label` (`.a,b`; exploded `.a.b`), `matrix` (`;name=a,b`; exploded
 * `;name=a;name=b`, an object's `;key=value;...`).
 * @param {unknown} value
 * @param {boolean} explode
 * @param {string} style
 * @param {string} name
 * @returns {string}
 */
export function pathParam(value, explode, style, name) {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const pieces = isObject && explode
    ? Object.entries(value).map(([key, item]) => `${encodeURIComponent(key)}=${encodeURIComponent(text(item))}`)
    : flat(value, false).map((piece) => encodeURIComponent(piece));
  if (style === 'label') return '.' + pieces.join(explode ? '.' : ',');
  if (style === 'matrix') {
    if (explode && (isObject || Array.isArray(value))) {
      return pieces.map((piece) => (isObject ? `;${piece}` : `;${name}=${piece}`)).join('');
    }
    return `;${name}=` + pieces.join(',');
  }
  return pieces.join(',');
}

/**
 * The query's name=value pairs, each parameter in its style (default: `form`, exploded); left
 * out (undefined or null) means "not given".
 * @param {object} query
 * @param {Record<string, [string, boolean]>} styles
 * @returns {Array<[string, string]>}
 */
function queryPairs(query, styles) {
  /** @type {Array<[string, string]>} */
  const pairs = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const [style, explode] = styles[name] ?? ['form', true];
    const isObject = typeof value === 'object' && !Array.isArray(value);
    if (style === 'deepObject' && isObject) {
      for (const [key, item] of Object.entries(value)) pairs.push([`${name}[${key}]`, text(item)]);
    } else if (isObject && explode) {
      for (const [key, item] of Object.entries(value)) pairs.push([key, text(item)]);
    } else if (Array.isArray(value) && explode) {
      for (const item of value) pairs.push([name, text(item)]);
    } else if (typeof value === 'object') {
      pairs.push([name, flat(value, false).join(SEPARATORS[style] ?? ',')]);
    } else {
      pairs.push([name, text(value)]);
    }
  }
  return pairs;
}

/**
 * One HTTP exchange over node:http(s): `connect` ms to open the connection, then `read` ms
 * for each wait on the answer.
 * @param {string} method
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {Uint8Array | undefined} body
 * @param {{ connect: number, read: number }} timeouts
 * @returns {Promise<RawResponse>}
 */
function send(method, url, headers, body, timeouts) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    /** @type {'connect' | 'read' | null} */
    let timedOut = null;
    const request = transport.request(target, { method, headers, timeout: timeouts.read }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve(new RawResponse(response.statusCode ?? 0, toHeaders(response.headers), bytes.toString('utf8'), url, bytes));
      });
      response.on('error', (error) => reject(failure(method, url, error, timedOut, timeouts)));
    });
    const connectTimer = setTimeout(() => {
      timedOut = 'connect';
      request.destroy(new Error(`no connection within ${timeouts.connect} ms`));
    }, timeouts.connect);
    request.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    // No byte of the answer for `read` ms (the socket's idle timeout).
    request.on('timeout', () => {
      timedOut = 'read';
      request.destroy(new Error(`no answer within ${timeouts.read} ms`));
    });
    request.on('error', (error) => reject(failure(method, url, error, timedOut, timeouts)));
    request.on('close', () => clearTimeout(connectTimer));
    request.end(body);
  });
}

/**
 * @param {string} method
 * @param {string} url
 * @param {unknown} error
 * @param {'connect' | 'read' | null} timedOut
 * @param {{ connect: number, read: number }} timeouts
 * @returns {APIConnectionError}
 */
function failure(method, url, error, timedOut, timeouts) {
  if (timedOut === 'connect') {
    return new APITimeoutError({ message: `${method} ${url} could not connect within ${timeouts.connect} ms.`, cause: error });
  }
  if (timedOut === 'read') {
    return new APITimeoutError({ message: `${method} ${url} got no answer within ${timeouts.read} ms.`, cause: error });
  }
  return new APIConnectionError({ message: `${method} ${url} failed before a complete answer: ${describe(error)}`, cause: error });
}

/**
 * @param {http.IncomingHttpHeaders} raw
 * @returns {Headers}
 */
function toHeaders(raw) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined) headers.append(name, one);
    }
  }
  return headers;
}

/**
 * @param {string} name
 * @returns {string | undefined}
 */
function readEnv(name) {
  // Read through globalThis so that the module also loads where there is no `process`.
  const runtime = /** @type {{ process?: { env?: Record<string, string | undefined> } }} */ (globalThis);
  const value = runtime.process?.env?.[name];
  return value ? value : undefined;
}

/**
 * The request's body as the operation declares it: its bytes and Content-Type, or undefined.
 * @param {ApiRequest} request
 * @returns {Promise<{ bytes: Uint8Array, contentType: string } | undefined>}
 */
async function encodeBody(request) {
  const { body } = request;
  const contentType = request.contentType ?? 'application/json';
  if (body === undefined) return undefined;
  switch (request.encoding ?? 'json') {
    case 'text':
      return { bytes: Buffer.from(String(body), 'utf8'), contentType };
    case 'binary': {
      const file = await readFile(body);
      return { bytes: file.bytes, contentType: contentType.includes('*') ? file.type : contentType };
    }
    case 'form': {
      const form = new URLSearchParams();
      for (const [key, value] of formPairs(body, [])) form.append(key, formText(value));
      return { bytes: Buffer.from(form.toString(), 'utf8'), contentType };
    }
    case 'multipart':
      return multipart(body, request.files ?? [], contentType);
    default:
      return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), contentType };
  }
}

/**
 * An object's attributes as form pairs: left-out ones skipped, an array its name repeated.
 * @param {unknown} body
 * @param {string[]} files
 * @returns {Array<[string, unknown]>}
 */
function formPairs(body, files) {
  /** @type {Array<[string, unknown]>} */
  const pairs = [];
  for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (body ?? {}))) {
    if (value === undefined) continue;
    if (Array.isArray(value) && !files.includes(key)) {
      for (const item of value) pairs.push([key, item]);
    } else {
      pairs.push([key, value]);
    }
  }
  return pairs;
}

/**
 * A value as a form or a multipart text part writes it: strings as they are, else JSON.
 * @param {unknown} value
 * @returns {string}
 */
function formText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * @param {unknown} body
 * @param {string[]} files
 * @param {string} contentType
 * @returns {Promise<{ bytes: Uint8Array, contentType: string }>}
 */
async function multipart(body, files, contentType) {
  const boundary = randomUUID().replaceAll('-', '');
  /** @type {Uint8Array[]} */
  const chunks = [];
  for (const [key, value] of formPairs(body, files)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(key)}"`;
    /** @type {Uint8Array} */
    let data;
    if (files.includes(key)) {
      const file = await readFile(value);
      head += `; filename="${quoted(file.name)}"\r\nContent-Type: ${file.type}`;
      data = file.bytes;
    } else {
      data = Buffer.from(formText(value), 'utf8');
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), data, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { bytes: Buffer.concat(chunks), contentType: `${contentType}; boundary=${boundary}` };
}

/**
 * A name in a Content-Disposition, escaped as browsers do (quote, CR and LF).
 * @param {string} text
 * @returns {string}
 */
function quoted(text) {
  return text.replaceAll('"', '%22').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/**
 * A file argument as its part carries it, read whole: a Blob (a File has a name), a Buffer or
 * any Uint8Array, an ArrayBuffer, or a Node readable stream (`fs.createReadStream(path)` gives
 * its path's name).
 * @param {unknown} value
 * @returns {Promise<{ name: string, bytes: Uint8Array, type: string }>}
 */
async function readFile(value) {
  /** @type {Uint8Array} */
  let bytes;
  let name = '';
  let type = '';
  if (typeof value === 'object' && value !== null && Symbol.asyncIterator in value) {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of /** @type {AsyncIterable<Uint8Array | string>} */ (value)) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    }
    bytes = Buffer.concat(chunks);
    const path = /** @type {{ path?: unknown }} */ (value).path;
    if (typeof path === 'string' || path instanceof Buffer) name = basename(path.toString());
  } else if (value instanceof Blob) {
    bytes = new Uint8Array(await value.arrayBuffer());
    type = value.type;
    const named = /** @type {{ name?: unknown }} */ (value).name;
    if (typeof named === 'string') name = named;
  } else if (value instanceof Uint8Array) {
    bytes = value;
  } else if (value instanceof ArrayBuffer) {
    bytes = new Uint8Array(value);
  } else {
    throw new APIError(
      `${value === null ? 'null' : typeof value} is not a file: pass a Blob or File, a Buffer or Uint8Array, an ArrayBuffer, or a readable stream` +
        (typeof value === 'string' ? ' (for a path, pass fs.createReadStream(path))' : '') +
        '.',
    );
  }
  name = name || DEFAULT_FILE_NAME;
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return { name, bytes, type: type || (Object.hasOwn(MEDIA_TYPES, extension) ? MEDIA_TYPES[extension] : DEFAULT_FILE_MEDIA_TYPE) };
}

/**
 * @param {ApiRequest} request
 * @param {RawResponse} response
 * @returns {unknown}
 */
function parseSuccessBody(request, response) {
  if (request.responseKind === 'binary') return response.body;
  if (request.responseKind === 'text') return response.text;
  if (response.status === 204 || response.text === '') return undefined;
  try {
    return JSON.parse(response.text);
  } catch (error) {
    throw new APIError(
      `${request.method} ${request.path} answered ${response.status} with a body that is not JSON: ` +
        JSON.stringify(response.text.slice(0, 200)),
      { cause: error },
    );
  }
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseErrorBody(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * @param {number} status
 * @returns {boolean}
 */
function retries(status) {
  return RETRY_STATUSES.has(status) || status >= 500;
}

/**
 * The wait the server asked for with Retry-After (seconds or an HTTP date), in milliseconds;
 * undefined when it did not ask.
 * @param {Headers} headers
 * @returns {number | undefined}
 */
function retryAfterDelay(headers) {
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
  return Number.isFinite(delay) ? Math.max(0, delay) : undefined;
}

/**
 * Exponential backoff with jitter before retry number `attempt + 1`, in milliseconds.
 * @param {number} attempt
 * @returns {number}
 */
function backoffDelay(attempt) {
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** attempt, MAX_RETRY_DELAY_MS);
  return backoff * (1 - Math.random() * RETRY_JITTER);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describe(error) {
  if (error instanceof Error) {
    const cause = /** @type {{ cause?: unknown }} */ (error).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/response.d.ts.jinja. Do not edit.

/** One HTTP response as received: status, headers, and the body as text and as bytes. */
export declare class RawResponse {
  constructor(status: number, headers: Headers, text: string, url: string, body?: Uint8Array);
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly url: string;
  /** The body's bytes, as received. */
  readonly body: Uint8Array;
}

/** A Promise of a call's result that can also give the HTTP response. */
export declare class APIPromise<T> extends Promise<T> {
  constructor(withResponse: Promise<{ data: T; response: RawResponse }>);
  /** The result and the HTTP response (status, headers). */
  withResponse(): Promise<{ data: T; response: RawResponse }>;
  /** The HTTP response alone. */
  asResponse(): Promise<RawResponse>;
}

// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/response.d.ts.jinja. Do not edit.

/** One HTTP response as received: status, headers, and the body's text. */
export declare class RawResponse {
  constructor(status: number, headers: Headers, text: string, url: string);
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly url: string;
}

/** A Promise of a call's result that can also give the HTTP response. */
export declare class APIPromise<T> extends Promise<T> {
  constructor(withResponse: Promise<{ data: T; response: RawResponse }>);
  /** The result and the HTTP response (status, headers). */
  withResponse(): Promise<{ data: T; response: RawResponse }>;
  /** The HTTP response alone. */
  asResponse(): Promise<RawResponse>;
}

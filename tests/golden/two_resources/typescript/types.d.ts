// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/types.d.ts.jinja. Do not edit.
// The models, enums, parameters and bodies of the API, one declaration per schema.
// Optional (`name?:`) and nullable (`| null`) are different things: an optional attribute may be
// left out, a nullable one may be null.

/** A string enum a newer server may extend: the values this version knows, or any other string. */
export type Open<Known extends string> = Known | (string & {});

/** A widget's color. */
export type Color = 'red' | 'green' | 'blue';

export type ErrorType = 'api_error' | 'invalid_request';

/**
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Conversation {
  id: string;
  /** The conversation's title; `null` when it has none. */
  title: string | null;
  /** Whether the conversation is starred. */
  starred: boolean;
  /** When the conversation was created, in seconds since the Unix epoch. */
  created_at: number;
}

/**
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ConversationList {
  has_more: boolean;
  data: Array<Conversation>;
}

export interface ConversationCreate {
  title?: string | null;
}

export interface ConversationUpdate {
  title?: string | null;
  starred?: boolean;
}

/**
 * A widget.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Widget {
  id: string;
  name: string;
  /** A widget's color. */
  color: Open<Color>;
  /** Size in millimetres; `null` when unknown. */
  size: number | null;
  tags: Array<string>;
  created_at: number;
  /** When the widget was retired; `null` while it is in use. */
  retired_at: number | null;
}

/**
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface WidgetList {
  has_more: boolean;
  data: Array<Widget>;
}

export interface WidgetCreate {
  /** What to call the widget. */
  name: string;
  /** A widget's color. */
  color?: Color;
  size?: number | null;
  tags?: Array<string>;
}

export interface WidgetUpdate {
  name?: string;
  size?: number | null;
  retired_at?: number | null;
}

/**
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ErrorObject {
  type: Open<ErrorType>;
  message: string;
}

/** Query parameters of `listConversations`. */
export interface ListConversationsParams {
  /**
   * How many objects to return.
   *
   * Default: `10`.
   */
  limit?: number;
  /** The id of the last object of the current page. */
  starting_after?: string;
  /** The id of the first conversation of the current page. */
  ending_before?: string;
  /** Only starred (`true`) or unstarred (`false`) conversations. */
  starred?: boolean;
}

/** Query parameters of `searchWidgets`. */
export interface SearchWidgetsParams {
  /**
   * How many widgets to return.
   *
   * Default: `20`.
   */
  page_size?: number;
  /** The id of the last widget of the current page. */
  after?: string;
  /** Only widgets of this color. */
  color?: Color;
  /** Only retired (`true`) or active (`false`) widgets. */
  retired?: boolean;
}

// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/types.d.ts.jinja. Do not edit.
// The models, enums, parameters and bodies of the API, one declaration per schema.
// Optional (`name?:`) and nullable (`| null`) are different things: an optional attribute may be
// left out, a nullable one may be null.

/** A widget's color. */
export type Color = 'red' | 'green' | 'blue';

export type ErrorType = 'api_error' | 'invalid_request';

export interface Conversation {
  id: string;
  /** The conversation's title; `null` when it has none. */
  title: string | null;
}

export interface ConversationList {
  has_more: boolean;
  data: Array<Conversation>;
}

/** A widget. */
export interface Widget {
  id: string;
  name: string;
  /** A widget's color. */
  color: Color;
  /** Size in millimetres; `null` when unknown. */
  size: number | null;
  tags: Array<string>;
}

export interface WidgetList {
  has_more: boolean;
  data: Array<Widget>;
}

export interface WidgetCreate {
  /** What to call the widget. */
  name: string;
  /** A widget's color. */
  color?: Color;
  tags?: Array<string>;
}

export interface WidgetUpdate {
  name?: string;
  size?: number | null;
}

export interface ErrorObject {
  type: ErrorType;
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
}

/** Query parameters of `listWidgets`. */
export interface ListWidgetsParams {
  /**
   * How many objects to return.
   *
   * Default: `10`.
   */
  limit?: number;
  /** The id of the last object of the current page. */
  starting_after?: string;
  /** Only widgets of this color. */
  color?: Color;
}

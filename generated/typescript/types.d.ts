// Generated from spec/openapi.yaml + templates/typescript/types.d.ts.jinja. Do not edit.
// The models, enums, parameters and bodies of the API, one declaration per schema.
// Optional (`name?:`) and nullable (`| null`) are different things: an optional attribute may be
// left out, a nullable one may be null.

/** A string enum a newer server may extend: the values this version knows, or any other string. */
export type Open<Known extends string> = Known | (string & {});

/** What happened. */
export type ConversationEventType = 'conversation.created' | 'conversation.updated' | 'conversation.deleted';

/**
 * `invalid_request` when the request is at fault (fix it before retrying), `api_error`
 * when the server is (retrying later may succeed).
 */
export type ErrorType = 'api_error' | 'invalid_request';

/**
 * A conversation between you and one contact or one group: exactly one of `contact_id` and
 * `group_id` is set. Every attribute is always present; those without a value are `null`.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Conversation {
  /** Unique identifier for the conversation. */
  id: string;
  /** Unique identifier for the other contact in the conversation; `null` in a group conversation. */
  contact_id: string | null;
  /** Unique identifier for the group that the conversation belongs to; `null` in a conversation with a contact. */
  group_id: string | null;
  /** Unique identifier for the pinned message; `null` when no message is pinned. */
  pinned_message_id: string | null;
  /** Whether or not the conversation has been pinned. */
  is_pinned: boolean;
  /** Whether or not the conversation has been muted. */
  is_muted: boolean;
  /** When the conversation was last active; `null` before any activity. */
  last_active_at: number | null;
  /** When the conversation was last opened by the authenticated user; `null` if never. */
  last_opened_at: number | null;
  /** When the conversation was created. */
  created_at: number;
  /** When the conversation was archived; `null` when it is not archived. */
  archived_at: number | null;
}

/**
 * One page of conversations.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ConversationList {
  /**
   * Whether more conversations lie beyond this page in the direction of travel: after the
   * last one, or before the first one when the page was asked for with `ending_before`.
   */
  has_more: boolean;
  /** The conversations of this page, newest first. */
  data: Array<Conversation>;
}

/** Who the conversation is with: exactly one of `contact_id` and `group_id`. */
export interface ConversationCreate {
  /** Unique identifier for the other contact in the conversation. */
  contact_id?: string;
  /** Unique identifier for the group that the conversation belongs to. */
  group_id?: string;
}

/**
 * The attributes to change; those left out keep their values. `null` clears
 * `pinned_message_id` and `archived_at`.
 */
export interface ConversationUpdate {
  /** Unique identifier for the message to pin; `null` unpins it. */
  pinned_message_id?: string | null;
  /** Whether or not the conversation is pinned. */
  is_pinned?: boolean;
  /** Whether or not the conversation is muted. */
  is_muted?: boolean;
  /** When the conversation was archived; `null` unarchives it. */
  archived_at?: number | null;
}

/**
 * The body of a webhook delivery about a conversation.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ConversationEvent {
  /** Unique identifier for the event; deliveries of the same event share it. */
  id: string;
  /** What happened. */
  type: Open<ConversationEventType>;
  /**
   * A conversation between you and one contact or one group: exactly one of `contact_id` and
   * `group_id` is set. Every attribute is always present; those without a value are `null`.
   */
  payload: Conversation;
}

/**
 * What went wrong with a request.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ErrorObject {
  /**
   * `invalid_request` when the request is at fault (fix it before retrying), `api_error`
   * when the server is (retrying later may succeed).
   */
  type: Open<ErrorType>;
  /** What was wrong, in a sentence meant for the developer. */
  message: string;
  /** A page that explains this type of error. */
  documentation_url?: string;
}

/** Query parameters of `listConversations`. */
export interface ListConversationsParams {
  /**
   * How many conversations to return, from 1 to 100.
   *
   * Default: `10`.
   */
  limit?: number;
  /**
   * When `true`, only conversations that are muted; when `false`, only conversations that
   * are not muted. Left out: both.
   */
  muted?: boolean;
  /**
   * When `true`, only archived conversations (`archived_at` is set); when `false`, only
   * conversations that are not archived. Left out: both.
   */
  archived?: boolean;
  /**
   * When `true`, only pinned conversations (`is_pinned`); when `false`, only conversations
   * that are not pinned. Left out: both.
   */
  pinned?: boolean;
  /** Only conversations that belong to this group. */
  group_id?: string;
  /**
   * The id of the last conversation of the current page; returns the page after it.
   * Cannot be combined with `ending_before`.
   */
  starting_after?: string;
  /**
   * The id of the first conversation of the current page; returns the page before it.
   * Cannot be combined with `starting_after`.
   */
  ending_before?: string;
}

// Generated from spec/openapi.yaml + templates/typescript/types.d.ts.jinja. Do not edit.
import type { Uploadable } from './core.js';

// The models, enums, parameters and bodies of the API, one declaration per schema.
// Optional (`name?:`) and nullable (`| null`) are different things: an optional attribute may be
// left out, a nullable one may be null.

/** A string enum a newer server may extend: the values this version knows, or any other string. */
export type Open<Known extends string> = Known | (string & {});

/** What happened. */
export type ConversationEventType = 'conversation.created' | 'conversation.updated' | 'conversation.deleted';

/** What happened. */
export type ContactEventType = 'contact.created' | 'contact.updated' | 'contact.deleted';

/** What happened. */
export type GroupEventType = 'group.created' | 'group.updated' | 'group.deleted';

/** What happened. */
export type MessageEventType = 'message.created' | 'message.updated' | 'message.deleted';

/** What happened. */
export type AttachmentEventType = 'attachment.created' | 'attachment.updated' | 'attachment.deleted';

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
 * A person you converse with. Every attribute is always present; those without a value are `null`.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Contact {
  /** Unique identifier for the contact. */
  id: string;
  /** The contact's Protocol username. */
  username: string;
  /** The contact's phone number, as written (any format). */
  phone_number: string;
  /** URL of the contact's avatar image (an absolute URI). */
  avatar_url: string | null;
  /** How the contact is named in your list; `null` when not set (clients then show `username`: the fallback is for display, responses keep `null`). */
  display_name: string | null;
  /** Your conversation with this contact, created with the contact. It keeps naming that first conversation when you start another one with the contact, and is `null` once it is deleted. */
  conversation_id: string | null;
  /** When the contact last did something on Protocol; `null` until then (no endpoint of this API moves it). */
  last_active_at: number | null;
  /** When it was created. */
  created_at: number;
}

/** A new contact: `username` and `phone_number` are required. */
export interface ContactCreate {
  /** The contact's Protocol username. */
  username: string;
  /** The contact's phone number. */
  phone_number: string;
  /** URL of the contact's avatar image. */
  avatar_url?: string | null;
  /** How to name the contact in your list. */
  display_name?: string | null;
}

/** What to change: for now only `display_name` (`null` removes it). */
export interface ContactUpdate {
  /** How to name the contact in your list; `null` removes it. */
  display_name?: string | null;
}

/**
 * A set of your contacts you talk to at once, with its own conversation.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Group {
  /** Unique identifier for the group. */
  id: string;
  /** The group's name. */
  name: string;
  /** The group's description; `null` when it has none. */
  description: string | null;
  /** URL of the group's avatar image. */
  avatar_url: string | null;
  /** The group's conversation, created with the group; `null` once it is deleted. */
  conversation_id: string | null;
  /** The members, as contact objects (requests send their ids). A deleted contact leaves the group. */
  contacts: Array<Contact>;
  /** When it was created. */
  created_at: number;
  /** When the group was archived; `null` when it is not. */
  archived_at: number | null;
}

/** A new group: only `name` is required. */
export interface GroupCreate {
  /** The group's name. */
  name: string;
  /** The group's description. */
  description?: string | null;
  /** URL of the group's avatar image. */
  avatar_url?: string | null;
  /** Ids of your contacts who are members (no repeats; in a form, one `contacts=` per id). */
  contacts?: Array<string>;
}

/** What to change; `contacts` replaces the member list. */
export interface GroupUpdate {
  /** The group's name. */
  name?: string;
  /** The group's description; `null` removes it. */
  description?: string | null;
  /** URL of the group's avatar image; `null` removes it. */
  avatar_url?: string | null;
  /** Ids of your contacts who are members: the whole new list. */
  contacts?: Array<string>;
  /** When the group was archived; `null` unarchives it. */
  archived_at?: number | null;
}

/**
 * A message in one of your conversations.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Message {
  /** Unique identifier for the message. */
  id: string;
  /** The conversation the message is in; deleting it deletes the message. Sending moves its `last_active_at`. */
  conversation_id: string;
  /** The contact who sent the message (the whole contact object); `null` for the messages you send, and once that contact is deleted. */
  contact: Contact | null;
  /** The text of the message. */
  message: string;
  /** Reactions: reaction name -> usernames of who reacted. */
  reactions: Record<string, Array<string>>;
  /** The attachments of the message (the uploads whose `message_id` names it), oldest first. */
  attachments: Array<Attachment>;
  /** When the message was read; `null` until then (no endpoint of this API marks it read). */
  read_at: number | null;
  /** When it was created. */
  created_at: number;
  /** When the message last changed; `null` until its first update. */
  updated_at: number | null;
}

/** A message to send: `conversation_id` and `message` are required. */
export interface MessageCreate {
  /** One of your conversations. */
  conversation_id: string;
  /** The text of the message. */
  message: string;
  /** Ids of your uploads to attach (in a form, one `attachments=` per id). */
  attachments?: Array<string>;
}

/** What to change; `reactions` and `attachments` replace the whole value. */
export interface MessageUpdate {
  /** The new text. */
  message?: string;
  /** Reaction name -> usernames of who reacted: the whole new map. */
  reactions?: Record<string, Array<string>>;
  /** Ids of your uploads: the whole new list. */
  attachments?: Array<string>;
}

/**
 * A file you uploaded, and the message it belongs to.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface Attachment {
  /** Unique identifier for the attachment. */
  id: string;
  /** The message the attachment belongs to; `null` until a message takes it. Deleting the message deletes the attachment. */
  message_id: string | null;
  /** The file's name: the uploaded part's file name, until renamed. */
  filename: string;
  /** Where the file's bytes can be fetched, with your token. Renaming does not change it. */
  file_url: string;
  /** The file's media type, from the uploaded part's `Content-Type`. */
  file_type: string;
  /** The file's size in bytes; uploads are at most 10485760 bytes (10 MiB). */
  file_size: number;
  /** When it was created. */
  created_at: number;
}

/** One part named `file` holding the file's bytes. */
export interface AttachmentUpload {
  /** The file; its part's file name and Content-Type become `filename` and `file_type`. */
  file: Uploadable;
}

/** The new name. */
export interface AttachmentUpdate {
  /** The file's new name. */
  filename?: string;
}

/**
 * One page of contacts.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ContactList {
  /** Whether more lie beyond this page in the direction of travel. */
  has_more: boolean;
  /** The contacts of this page, newest first. */
  data: Array<Contact>;
}

/**
 * The body of a webhook delivery about a contact.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface ContactEvent {
  /** Unique identifier for the event; deliveries of the same event share it. */
  id: string;
  /** What happened. */
  type: Open<ContactEventType>;
  /** A person you converse with. Every attribute is always present; those without a value are `null`. */
  payload: Contact;
}

/**
 * One page of groups.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface GroupList {
  /** Whether more lie beyond this page in the direction of travel. */
  has_more: boolean;
  /** The groups of this page, newest first. */
  data: Array<Group>;
}

/**
 * The body of a webhook delivery about a group.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface GroupEvent {
  /** Unique identifier for the event; deliveries of the same event share it. */
  id: string;
  /** What happened. */
  type: Open<GroupEventType>;
  /** A set of your contacts you talk to at once, with its own conversation. */
  payload: Group;
}

/**
 * One page of messages.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface MessageList {
  /** Whether more lie beyond this page in the direction of travel. */
  has_more: boolean;
  /** The messages of this page, newest first. */
  data: Array<Message>;
}

/**
 * The body of a webhook delivery about a message.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface MessageEvent {
  /** Unique identifier for the event; deliveries of the same event share it. */
  id: string;
  /** What happened. */
  type: Open<MessageEventType>;
  /** A message in one of your conversations. */
  payload: Message;
}

/**
 * One page of attachments.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface AttachmentList {
  /** Whether more lie beyond this page in the direction of travel. */
  has_more: boolean;
  /** The attachments of this page, newest first. */
  data: Array<Attachment>;
}

/**
 * The body of a webhook delivery about a attachment.
 *
 * A newer server may send attributes this version does not declare; they are
 * kept on the object as received.
 */
export interface AttachmentEvent {
  /** Unique identifier for the event; deliveries of the same event share it. */
  id: string;
  /** What happened. */
  type: Open<AttachmentEventType>;
  /** A file you uploaded, and the message it belongs to. */
  payload: Attachment;
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

/** Query parameters of `listContacts`. */
export interface ListContactsParams {
  /**
   * How many contacts to return, from 1 to 100.
   *
   * Default: `10`.
   */
  limit?: number;
  /** The id of the last contact of the current page; returns the page after it. Cannot be combined with `ending_before`. */
  starting_after?: string;
  /** The id of the first contact of the current page; returns the page before it. Cannot be combined with `starting_after`. */
  ending_before?: string;
}

/** Query parameters of `listGroups`. */
export interface ListGroupsParams {
  /**
   * How many groups to return, from 1 to 100.
   *
   * Default: `10`.
   */
  limit?: number;
  /** When `true`, only archived groups (`archived_at` is set); when `false`, only groups that are not archived. Left out: both. */
  archived?: boolean;
  /** The id of the last group of the current page; returns the page after it. Cannot be combined with `ending_before`. */
  starting_after?: string;
  /** The id of the first group of the current page; returns the page before it. Cannot be combined with `starting_after`. */
  ending_before?: string;
}

/** Query parameters of `listMessages`. */
export interface ListMessagesParams {
  /**
   * How many messages to return, from 1 to 100.
   *
   * Default: `10`.
   */
  limit?: number;
  /** Only the messages of this conversation. */
  conversation_id?: string;
  /** The id of the last message of the current page; returns the page after it. Cannot be combined with `ending_before`. */
  starting_after?: string;
  /** The id of the first message of the current page; returns the page before it. Cannot be combined with `starting_after`. */
  ending_before?: string;
}

/** Query parameters of `listAttachments`. */
export interface ListAttachmentsParams {
  /**
   * How many attachments to return, from 1 to 100.
   *
   * Default: `10`.
   */
  limit?: number;
  /** Only the attachments of this conversation's messages (through each attachment's `message_id`); uploads no message has taken yet belong to no conversation. */
  conversation_id?: string;
  /** The id of the last attachment of the current page; returns the page after it. Cannot be combined with `ending_before`. */
  starting_after?: string;
  /** The id of the first attachment of the current page; returns the page before it. Cannot be combined with `starting_after`. */
  ending_before?: string;
}

// Compiled with `tsc --strict --noEmit` (never run): the generated declarations must accept the
// reference's calls and reject what the spec forbids. Each @ts-expect-error is an assertion:
// tsc fails when the line below it is NOT an error.
import ApiClient, {
  APIError,
  APIStatusError,
  NotFoundError,
  type Conversation,
  type ConversationCreate,
  type ConversationUpdate,
  type ListConversationsParams,
  type Page,
} from '@example/protocol-api';

declare const token: string;

export async function referenceCalls(): Promise<void> {
  const client = new ApiClient(token);
  await client.conversations.list();
  await client.conversations.create({ contact_id: 'WAz8eIbvDR60rouK' });
  await client.conversations.get('xgQQXg3hrtjh7AvZ');
  await client.conversations.update('xgQQXg3hrtjh7AvZ', { is_muted: true });
  await client.conversations.delete('xgQQXg3hrtjh7AvZ');
}

export async function typedResults(): Promise<void> {
  const client = new ApiClient(undefined, { baseUrl: 'http://127.0.0.1:8000', timeout: 5000, maxRetries: 0 });
  const page: Page<Conversation> = await client.conversations.list({ limit: 2, muted: false });
  const hasMore: boolean = page.has_more;
  for await (const conversation of page) {
    const archivedAt: number | null = conversation.archived_at;
    const muted: boolean = conversation.is_muted;
    void archivedAt;
    void muted;
  }
  for await (const conversation of client.conversations.list()) {
    const id: string = conversation.id;
    void id;
  }
  const created: Conversation = await client.conversations.create({ group_id: 'Gx5cQ1vL2mZ9kT3R' });
  const nothing: void = await client.conversations.delete(created.id);
  void hasMore;
  void nothing;
  try {
    await client.conversations.get(created.id);
  } catch (error) {
    if (error instanceof NotFoundError) {
      const status: number = error.status;
      const type: string = error.type;
      void status;
      void type;
    }
    const isApiError: boolean = error instanceof APIStatusError && error instanceof APIError;
    void isApiError;
  }
}

// Optional and nullable stay apart: archived_at may be left out or null; is_muted may be left
// out but never null.
export const clears: ConversationUpdate = { archived_at: null, pinned_message_id: null };
export const leavesOut: ConversationUpdate = {};
// @ts-expect-error is_muted is optional, not nullable
export const mutedNull: ConversationUpdate = { is_muted: null };
// @ts-expect-error archived_at is a Unix timestamp, not a string
export const archivedText: ConversationUpdate = { archived_at: '2024-01-01' };
// @ts-expect-error an attribute the spec does not name
export const unknownAttribute: ConversationUpdate = { colour: 'red' };
// @ts-expect-error contact_id is optional but never null in a create body
export const contactNull: ConversationCreate = { contact_id: null };
// @ts-expect-error every attribute of a Conversation is present in a response
export const partial: Conversation = { id: 'xgQQXg3hrtjh7AvZ' };
// @ts-expect-error limit is a number
export const limitText: ListConversationsParams = { limit: 'ten' };

export async function optionsRawResponsesAndOpenEnums(): Promise<void> {
  const client = new ApiClient(token, { connectTimeout: 2000 });
  const quick = client.withOptions({ maxRetries: 0, timeout: 1000 });
  const quickClient: ApiClient = quick;
  const { data, response } = await quickClient.conversations
    .create({ contact_id: 'WAz8eIbvDR60rouK' }, { idempotencyKey: 'k', headers: { 'X-Trace': '1' } })
    .withResponse();
  const status: number = response.status;
  const location: string | null = response.headers.get('location');
  const id: string = data.id;
  const firstPage = await client.conversations.list({ limit: 1 }, { timeout: 500 }).withResponse();
  const items: Conversation[] = firstPage.data.data;
  // An error's `type` is what this version knows, or any other string a newer server sends.
  const error: import('@example/protocol-api').ErrorObject = { type: 'rate_limited', message: 'm' };
  // @ts-expect-error: the options object has no such key
  await client.conversations.get('xgQQXg3hrtjh7AvZ', { retries: 3 });
  void [status, location, id, items, error];
}

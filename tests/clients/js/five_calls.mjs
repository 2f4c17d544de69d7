// The reference page's five calls, written as its JavaScript tab writes them. Run by
// tests/clients/test_newer_server.py against a server whose spec is newer than the client's.
// Prints what each call returned, as JSON, for the test to inspect.
import ApiClient from '@example/protocol-api';

const client = new ApiClient(process.env.PROTOCOL_API_TOKEN);

const created = await client.conversations.create({
  contact_id: 'WAz8eIbvDR60rouK',
});
const listed = await client.conversations.list();
const fetched = await client.conversations.get(created.id);
const updated = await client.conversations.update(created.id, {
  is_muted: true,
});
await client.conversations.delete(created.id);

console.log(JSON.stringify({ created, listed: listed.data, fetched, updated }));

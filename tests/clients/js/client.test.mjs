// The generated JavaScript client against a live server, with Node's own test runner.
// Run by tests/clients/test_typescript_client.py, which starts the reference server, sets
// PROTOCOL_BASE_URL and PROTOCOL_API_TOKEN, and makes `@example/protocol-api` resolve to
// generated/typescript exactly as an installed package would.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';

import ApiClient, {
  APIConnectionError,
  APIError,
  APIStatusError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  Page,
  RateLimitError,
} from '@example/protocol-api';

const token = process.env.PROTOCOL_API_TOKEN;
const otherToken = process.env.PROTOCOL_OTHER_API_TOKEN;

/** A 16-character id the server has never seen, so every test owns its conversations. */
let counter = 0;
function newId(prefix) {
  counter += 1;
  return (prefix + String(Date.now()) + String(counter)).replace(/[^A-Za-z0-9]/g, '').padEnd(16, 'x').slice(-16);
}

test('the reference calls, as written, create, read, update, list and delete', async () => {
  const client = new ApiClient(token);
  const contactId = newId('contact');

  const created = await client.conversations.create({ contact_id: contactId });
  assert.equal(created.contact_id, contactId);
  assert.equal(created.group_id, null);
  assert.equal(created.is_muted, false);
  assert.equal(created.archived_at, null);
  assert.match(created.id, /^[A-Za-z0-9]{16}$/);

  const fetched = await client.conversations.get(created.id);
  assert.deepEqual(fetched, created);

  const updated = await client.conversations.update(created.id, { is_muted: true });
  assert.equal(updated.is_muted, true);
  assert.equal(updated.id, created.id);
  assert.equal((await client.conversations.get(created.id)).is_muted, true);

  const page = await client.conversations.list();
  assert.ok(page instanceof Page);
  assert.equal(typeof page.has_more, 'boolean');
  assert.ok(page.data.some((conversation) => conversation.id === created.id), 'the new conversation is listed');

  assert.equal(await client.conversations.delete(created.id), undefined);

  await assert.rejects(client.conversations.get(created.id), (error) => {
    assert.ok(error instanceof NotFoundError, `expected NotFoundError, got ${error}`);
    assert.ok(error instanceof APIStatusError);
    assert.ok(error instanceof APIError);
    assert.equal(error.status, 404);
    assert.equal(error.type, 'invalid_request');
    assert.match(error.message, new RegExp(created.id));
    return true;
  });
  const after = await client.conversations.list({ limit: 100 });
  assert.ok(!after.data.some((conversation) => conversation.id === created.id), 'deleted is not listed');
});

test('iterating a page follows the cursor across pages, newest first', async () => {
  const client = new ApiClient(otherToken);
  const ids = [];
  for (let index = 0; index < 5; index++) {
    ids.push((await client.conversations.create({ group_id: newId('group') })).id);
  }

  const first = await client.conversations.list({ limit: 2 });
  assert.equal(first.data.length, 2);
  assert.equal(first.has_more, true);

  const pages = [];
  for await (const page of first.iterPages()) pages.push(page.data.map((conversation) => conversation.id));
  assert.ok(pages.length >= 3, `expected at least 3 pages, got ${pages.length}`);

  const conversations = [];
  for await (const conversation of first) conversations.push(conversation);
  const seen = conversations.map((conversation) => conversation.id);
  assert.deepEqual(seen, pages.flat());
  assert.equal(new Set(seen).size, seen.length, 'no conversation twice');
  for (const id of ids) assert.ok(seen.includes(id), `${id} is reached by iteration`);
  // Newest first: created_at descending, then id descending (byte order) within a second.
  for (let index = 1; index < conversations.length; index++) {
    const [newer, older] = [conversations[index - 1], conversations[index]];
    assert.ok(
      newer.created_at > older.created_at || (newer.created_at === older.created_at && newer.id > older.id),
      `${newer.id} comes before ${older.id}`,
    );
  }

  // The un-awaited list() is iterable too.
  const direct = [];
  for await (const conversation of client.conversations.list({ limit: 2 })) direct.push(conversation.id);
  assert.deepEqual(direct, seen);

  // Asked for with ending_before, the walk goes backward: each next page is the one before.
  const oldest = seen.at(-1);
  const backward = [];
  for await (const page of (await client.conversations.list({ limit: 2, ending_before: oldest })).iterPages()) {
    backward.push(page.data.map((conversation) => conversation.id));
  }
  const before = seen.slice(0, -1);
  assert.deepEqual(backward.flat().sort(), [...before].sort());
  assert.deepEqual(backward[0], before.slice(-2), 'the first backward page is the one just before');
});

test('withResponse gives the HTTP response with the result', async () => {
  const client = new ApiClient(token);
  const { data: created, response } = await client.conversations.create({ contact_id: newId('contact') }).withResponse();
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('location'), `/v1/conversations/${created.id}`);
  const raw = await client.conversations.get(created.id).asResponse();
  assert.equal(raw.status, 200);
  assert.equal(JSON.parse(raw.text).id, created.id);
  const { data: page } = await client.conversations.list({ limit: 1 }).withResponse();
  assert.ok(page instanceof Page);
  await client.conversations.delete(created.id);
});

test('null clears a nullable attribute; an unknown attribute is a BadRequestError', async () => {
  const client = new ApiClient(token);
  const created = await client.conversations.create({ contact_id: newId('nullable') });
  const archived = await client.conversations.update(created.id, { archived_at: 705200000 });
  assert.equal(archived.archived_at, 705200000);
  const restored = await client.conversations.update(created.id, { archived_at: null });
  assert.equal(restored.archived_at, null);

  await assert.rejects(client.conversations.update(created.id, { colour: 'red' }), (error) => {
    assert.ok(error instanceof BadRequestError, `expected BadRequestError, got ${error}`);
    assert.equal(error.status, 400);
    assert.equal(error.type, 'invalid_request');
    return true;
  });
  await assert.rejects(
    client.conversations.list({ starting_after: created.id, ending_before: created.id }),
    BadRequestError,
  );
});

test('a wrong token is an AuthenticationError; a missing token fails before any request', async () => {
  await assert.rejects(new ApiClient('not-a-valid-token').conversations.list(), (error) => {
    assert.ok(error instanceof AuthenticationError, `expected AuthenticationError, got ${error}`);
    assert.equal(error.status, 401);
    assert.equal(error.type, 'invalid_request');
    return true;
  });
  const saved = process.env.PROTOCOL_API_TOKEN;
  delete process.env.PROTOCOL_API_TOKEN;
  try {
    assert.throws(() => new ApiClient(), /PROTOCOL_API_TOKEN/);
  } finally {
    process.env.PROTOCOL_API_TOKEN = saved;
  }
});

test('the base URL comes from the options, else PROTOCOL_BASE_URL, else the spec', () => {
  const saved = process.env.PROTOCOL_BASE_URL;
  try {
    assert.equal(new ApiClient('t', { baseUrl: 'http://example.test:1/' }).baseUrl, 'http://example.test:1');
    assert.equal(new ApiClient('t').baseUrl, saved);
    delete process.env.PROTOCOL_BASE_URL;
    assert.equal(new ApiClient('t').baseUrl, 'https://api.protocol.chat');
  } finally {
    process.env.PROTOCOL_BASE_URL = saved;
  }
});

// --- retries and timeouts, against a scripted local HTTP server -----------------------------

const CONVERSATION = {
  id: 'xgQQXg3hrtjh7AvZ',
  contact_id: 'WAz8eIbvDR60rouK',
  group_id: null,
  pinned_message_id: null,
  is_pinned: false,
  is_muted: false,
  last_active_at: null,
  last_opened_at: null,
  created_at: 692233200,
  archived_at: null,
};

/** Serves `answers` in order (the last one repeats); records every request. */
async function scriptedServer(t, answers) {
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method, url: request.url, headers: request.headers, at: Date.now() });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (answer === 'hang') return; // never answers: the client must time out
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { baseUrl: `http://127.0.0.1:${server.address().port}`, requests };
}

const unavailable = { status: 503, headers: { 'Retry-After': '0' }, body: { type: 'api_error', message: 'Down.' } };

test('an idempotent request is retried after 503, honouring Retry-After', async (t) => {
  const server = await scriptedServer(t, [unavailable, { status: 200, body: CONVERSATION }]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl });
  assert.deepEqual(await client.conversations.get(CONVERSATION.id), CONVERSATION);
  assert.equal(server.requests.length, 2);
});

test('a 429 waits as long as Retry-After says before the retry', async (t) => {
  const limited = { status: 429, headers: { 'Retry-After': '1' }, body: { type: 'invalid_request', message: 'Slow down.' } };
  const server = await scriptedServer(t, [limited, { status: 200, body: CONVERSATION }]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl });
  await client.conversations.update(CONVERSATION.id, { is_muted: false });
  assert.equal(server.requests.length, 2);
  assert.ok(server.requests[1].at - server.requests[0].at >= 900, 'waited about one second');
});

test('a create is retried with the same Idempotency-Key; a key can be given', async (t) => {
  const server = await scriptedServer(t, [unavailable, { status: 201, body: CONVERSATION }]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl });
  assert.deepEqual(await client.conversations.create({ contact_id: CONVERSATION.contact_id }), CONVERSATION);
  const keys = server.requests.map((request) => request.headers['idempotency-key']);
  assert.equal(keys.length, 2);
  assert.equal(keys[0], keys[1]);
  assert.match(keys[0], /^[0-9a-f-]{36}$/);
  await client.conversations.create({ contact_id: CONVERSATION.contact_id }, { idempotencyKey: 'mine' });
  assert.equal(server.requests.at(-1).headers['idempotency-key'], 'mine');
});

test('a request that is not safe to repeat is sent once', async (t) => {
  const server = await scriptedServer(t, [unavailable, { status: 200, body: CONVERSATION }]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl });
  await assert.rejects(client.request({ method: 'POST', path: '/v1/conversations', body: {}, retrySafe: false }), InternalServerError);
  assert.equal(server.requests.length, 1);
});

test('per-call options, withOptions, and withResponse', async (t) => {
  const server = await scriptedServer(t, [unavailable]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl, maxRetries: 2 });
  await assert.rejects(client.conversations.get(CONVERSATION.id, { maxRetries: 0, headers: { 'X-Trace': '1' } }), InternalServerError);
  assert.equal(server.requests.length, 1);
  assert.equal(server.requests[0].headers['x-trace'], '1');
  const quiet = client.withOptions({ maxRetries: 0 });
  assert.ok(quiet instanceof ApiClient);
  assert.equal(quiet.maxRetries, 0);
  assert.equal(client.maxRetries, 2);
  await assert.rejects(quiet.conversations.get(CONVERSATION.id), InternalServerError);
  assert.equal(server.requests.length, 2);
});

test('retries stop after maxRetries and the last error is thrown', async (t) => {
  const server = await scriptedServer(t, [unavailable]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl, maxRetries: 2 });
  await assert.rejects(client.conversations.delete(CONVERSATION.id), (error) => {
    assert.ok(error instanceof InternalServerError);
    assert.equal(error.status, 503);
    assert.equal(error.type, 'api_error');
    assert.equal(error.message, 'Down.');
    return true;
  });
  assert.equal(server.requests.length, 3);
});

test('a Retry-After longer than a minute is not waited for', async (t) => {
  const server = await scriptedServer(t, [{ status: 429, headers: { 'Retry-After': '3600' }, body: { type: 'invalid_request', message: 'Later.' } }]);
  const client = new ApiClient('t', { baseUrl: server.baseUrl });
  await assert.rejects(client.conversations.list(), RateLimitError);
  assert.equal(server.requests.length, 1);
});

test('no answer within the timeout is an APITimeoutError', async (t) => {
  const server = await scriptedServer(t, ['hang']);
  const client = new ApiClient('t', { baseUrl: server.baseUrl, timeout: 200, maxRetries: 0 });
  await assert.rejects(client.conversations.get(CONVERSATION.id), (error) => {
    assert.ok(error instanceof APITimeoutError, `expected APITimeoutError, got ${error}`);
    assert.ok(error instanceof APIConnectionError);
    return true;
  });
});

test('a refused connection is an APIConnectionError', async () => {
  const closedPort = await new Promise((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const client = new ApiClient('t', { baseUrl: `http://127.0.0.1:${closedPort}`, maxRetries: 1 });
  await assert.rejects(client.conversations.get(CONVERSATION.id), (error) => {
    assert.ok(error instanceof APIConnectionError, `expected APIConnectionError, got ${error}`);
    assert.ok(!(error instanceof APITimeoutError));
    assert.match(error.message, new RegExp(String(closedPort)));
    return true;
  });
});

// The shared webhook vectors (tests/fixtures/webhook_vectors.json, path in WEBHOOK_VECTORS)
// through the JavaScript client's verifier, with each case's scheme and clock. Run by
// tests/clients/test_webhooks.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import ApiClient, { APIError, WebhookVerificationError, Webhooks } from '@example/protocol-api';

const cases = JSON.parse(readFileSync(process.env.WEBHOOK_VECTORS, 'utf8')).cases;

for (const c of cases) {
  test(c.name, () => {
    const webhooks = new Webhooks({ signing: c.signing, now: () => c.now ?? 0 });
    if (c.verified) {
      webhooks.verifySignature(Buffer.from(c.body, 'utf8'), c.headers, c.secret);
    } else {
      assert.throws(() => webhooks.verifySignature(c.body, c.headers, c.secret), WebhookVerificationError);
    }
    if (c.event === null) {
      assert.throws(() => webhooks.unwrap(c.body, c.headers, c.secret), WebhookVerificationError);
    } else {
      const event = webhooks.unwrap(c.body, new Headers(c.headers), c.secret);
      assert.equal(event.type, c.event.type);
      assert.equal(event.payload.id, c.event.payload_id);
    }
  });
}

test('the client verifies with the declared scheme and the environment secret', () => {
  const valid = cases.find((c) => c.name === 'protocol_valid');
  const client = new ApiClient('token');
  process.env.PROTOCOL_WEBHOOK_SECRET = valid.secret;
  assert.equal(client.webhooks.unwrap(valid.body, valid.headers).type, 'conversation.updated');
  delete process.env.PROTOCOL_WEBHOOK_SECRET;
  assert.throws(() => client.webhooks.verifySignature(valid.body, valid.headers), /PROTOCOL_WEBHOOK_SECRET/);
  assert.ok(new WebhookVerificationError('x') instanceof APIError);
});

// @ts-check
// Calls every operation of one media-type feature spec (tests/fixtures/specs/features/) through
// its generated JavaScript client and prints what each returned as JSON (bytes as hex). Run,
// and type-checked with tsc --strict, by tests/clients/test_media_types.py:
// node media.mjs <feature> <base url>
import Echo from 'echo-api';
import Files from 'files-api';
import Images from 'images-api';
import Notes from 'notes-api';
import Tags from 'tags-api';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(Array.from({ length: 32 }, (_, i) => i))]);

const [feature, baseUrl] = process.argv.slice(2);
const options = { baseUrl };
/** @type {Record<string, unknown>} */
const results = {};
if (feature === 'form_body') {
  const note = await new Notes('media-token', options).notes.create({ title: 'Buy milk', pinned: true, tags: ['a', 'b'] });
  results.create = note.title;
} else if (feature === 'binary_body_and_response') {
  const client = new Images('media-token', options);
  /** @type {void} */
  const stored = await client.images.put('logo.png', PNG);
  results.put = stored ?? null;
  /** @type {Uint8Array} */
  const image = await client.images.get('logo.png');
  results.get = Buffer.from(image).toString('hex');
} else if (feature === 'text_body_and_response') {
  /** @type {string} */
  const echoed = await new Echo('media-token', options).echo.text('Hello');
  results.echo = echoed;
} else if (feature === 'array_body') {
  const count = await new Tags('media-token', options).tags.add(['urgent', 'travel']);
  results.add = count.count;
} else {
  const file = new File(['hello'], 'a.txt', { type: 'text/plain' });
  const stored = await new Files('media-token', options).files.upload({ file, name: 'greeting' });
  results.upload = stored.size;
}
console.log(JSON.stringify(results));

// @ts-check
// Uploads and downloads through the generated JavaScript client of the whole API: each way
// JavaScript passes a file (a File, a Blob, a Node Buffer, fs.openAsBlob, fs.createReadStream,
// as the reference page's sample does). Prints one JSON
// object: case -> what the server stored and whether the download gave the same bytes back.
// Run (and type-checked with tsc --strict) by tests/clients/test_uploads.py.
import fs, { openAsBlob } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import ApiClient from '@example/protocol-api';

const DATA = Buffer.concat([
  Buffer.from(Array.from({ length: 256 * 64 }, (_, index) => index % 256)),
  Buffer.from('%PDF-1.4 end'),
]);

/**
 * @param {{ filename: string, file_type: string, file_size: number }} found
 * @param {Uint8Array} downloaded
 * @param {Uint8Array} data
 */
function stored(found, downloaded, data) {
  return {
    filename: found.filename,
    file_type: found.file_type,
    file_size: found.file_size,
    same_bytes: Buffer.compare(Buffer.from(downloaded), Buffer.from(data)) === 0,
  };
}

const [work, mode] = process.argv.slice(2);
const path = join(work ?? '.', 'invoice.pdf');
await writeFile(path, DATA);
const client = new ApiClient(process.env.TOKEN, { baseUrl: process.env.BASE_URL });
/** @type {Record<string, object>} */
const results = {};
if (mode === 'refused') {
  // What is not a file is refused before anything is sent, saying what to pass.
  for (const [name, file] of /** @type {Array<[string, unknown]>} */ ([['path_string', path], ['number', 42]])) {
    try {
      await client.attachments.create({ file: /** @type {import('@example/protocol-api').Uploadable} */ (file) });
      results[name] = { refused: false };
    } catch (error) {
      results[name] = { refused: true, message: error instanceof Error ? error.message : String(error) };
    }
  }
} else if (mode === 'retry') {
  const made = await client.attachments.create({ file: new File([DATA], 'invoice.pdf', { type: 'application/pdf' }) });
  results.retried = stored(made, await client.attachments.download(made.id), DATA);
} else {
  /** @type {Array<[string, import('@example/protocol-api').Uploadable, Uint8Array]>} */
  const cases = [
    ['file', new File([DATA], 'invoice.pdf', { type: 'application/pdf' }), DATA],
    ['blob', new Blob([Buffer.from('hello\n')], { type: 'text/plain' }), Buffer.from('hello\n')],
    ['buffer', DATA, DATA],
    ['open_as_blob', await openAsBlob(path), DATA],
    ['read_stream', fs.createReadStream(path), DATA],
  ];
  for (const [name, file, data] of cases) {
    const made = await client.attachments.create({ file });
    results[name] = stored(made, await client.attachments.download(made.id), data);
  }
}
console.log(JSON.stringify(results));

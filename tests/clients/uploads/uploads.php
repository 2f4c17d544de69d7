<?php
// Uploads and downloads through the generated PHP client of the whole API: each way PHP passes
// a file (a path, a stream resource, an UploadFile of bytes). Prints one JSON object:
// case -> what the server stored and whether the download gave the same bytes back.
// Run by tests/clients/test_uploads.py: php uploads.php <autoload.php> <work dir> [retry]
declare(strict_types=1);

require $argv[1];

use Protocol\Core\UploadFile;

$data = '';
for ($i = 0; $i < 256 * 64; $i++) {
    $data .= chr($i % 256);
}
$data .= '%PDF-1.4 end';
$path = $argv[2] . '/invoice.pdf';
file_put_contents($path, $data);

$client = new \Protocol\ApiClient(getenv('TOKEN'), ['base_url' => getenv('BASE_URL')]);

$stored = static fn ($found, string $downloaded, string $expected): array => [
    'filename' => $found->filename,
    'file_type' => $found->file_type,
    'file_size' => $found->file_size,
    'same_bytes' => $downloaded === $expected,
];

$results = [];
if (($argv[3] ?? '') === 'refused') {
    // What is not a file is refused before anything is sent, saying what to pass.
    foreach (['missing_path' => $argv[2] . '/missing.pdf', 'number' => 42] as $case => $file) {
        try {
            $client->attachments->create(['file' => $file]);
            $results[$case] = ['refused' => false];
        } catch (\Protocol\Exceptions\ApiException $error) {
            $results[$case] = ['refused' => true, 'message' => $error->getMessage()];
        }
    }
} elseif (($argv[3] ?? '') === 'retry') {
    // A stream: the first attempt reads it to its end; a retry must not send that.
    $stream = fopen($path, 'rb');
    $made = $client->attachments->create(['file' => $stream]);
    fclose($stream);
    $results['retried'] = $stored($made, $client->attachments->download($made->id), $data);
} else {
    $stream = fopen($path, 'rb');
    $cases = [
        'path' => [$path, $data],
        'stream' => [$stream, $data],
        'upload_file' => [new UploadFile("hello\n", 'notes.txt', 'text/plain'), "hello\n"],
        'bytes' => [new UploadFile($data), $data],
    ];
    foreach ($cases as $case => [$file, $expected]) {
        $made = $client->attachments->create(['file' => $file]);
        $results[$case] = $stored($made, $client->attachments->download($made->id), $expected);
    }
    fclose($stream);
}
echo json_encode($results), "\n";

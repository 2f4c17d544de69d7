<?php
// Calls every operation of one media-type feature spec (tests/fixtures/specs/features/) through
// its generated PHP client and prints what each returned as JSON (bytes as hex). Run by
// tests/clients/test_media_types.py: php media.php <autoload.php> <feature> <base url> <work dir>
declare(strict_types=1);

require $argv[1];

[, , $feature, $baseUrl, $work] = $argv;
// Each spec's own namespace, from its title (ClientSettings.php_namespace).
$namespace = [
    'form_body' => 'Notes',
    'binary_body_and_response' => 'Images',
    'text_body_and_response' => 'Echo',
    'array_body' => 'Tags',
][$feature] ?? 'Files';
$clientClass = '\\' . $namespace . '\\ApiClient';
$client = new $clientClass(null, ['base_url' => $baseUrl]);
$png = hex2bin('89504e470d0a1a0a');
for ($i = 0; $i < 32; $i++) {
    $png .= chr($i);
}
$results = [];
switch ($feature) {
    case 'form_body':
        $results['create'] = $client->notes->create(['title' => 'Buy milk', 'pinned' => true, 'tags' => ['a', 'b']])->title;
        break;
    case 'binary_body_and_response':
        // A path: the client reads the file.
        file_put_contents($work . '/logo.png', $png);
        $client->images->put('logo.png', $work . '/logo.png');
        $results['put'] = null;
        $results['get'] = bin2hex($client->images->get('logo.png'));
        break;
    case 'text_body_and_response':
        $results['echo'] = $client->echo->text('Hello');
        break;
    case 'array_body':
        $results['add'] = $client->tags->add(['urgent', 'travel'])->count;
        break;
    default:
        $uploadFile = '\\' . $namespace . '\\Core\\UploadFile';
        $file = new $uploadFile('hello', 'a.txt', 'text/plain');
        $results['upload'] = $client->files->upload(['file' => $file, 'name' => 'greeting'])->size;
}
echo json_encode($results), "\n";

<?php
// The reference page's five calls, written as its PHP tab writes them. Run by
// tests/clients/test_newer_server.py against a server whose spec is newer than the client's.
// Prints what each call returned (declared attributes, then what extra() kept), as JSON.
declare(strict_types=1);

require __DIR__ . '/../../../generated/php/autoload.php';

$client = new \Protocol\ApiClient(getenv('PROTOCOL_API_TOKEN'));

$created = $client->conversations->create([
    'contact_id' => 'WAz8eIbvDR60rouK',
]);
$listed = $client->conversations->list();
$fetched = $client->conversations->get($created->id);
$updated = $client->conversations->update($created->id, [
    'is_muted' => true,
]);
$client->conversations->delete($created->id);

$shown = static fn (\Protocol\Core\BaseModel $model): array => [
    'declared' => array_diff_key($model->toArray(), $model->extra()),
    'extra' => $model->extra(),
];
echo json_encode([
    'created' => $shown($created),
    'listed' => array_map($shown, $listed->data),
    'fetched' => $shown($fetched),
    'updated' => $shown($updated),
], JSON_THROW_ON_ERROR), "\n";

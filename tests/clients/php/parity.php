<?php
// The retry-parity scenarios, as the PHP client runs them (see test_retry_parity.py).
//   php parity.php '<scenarios as JSON>' <base URL>
// Prints {scenario: outcome} as JSON: "ok", "status <code> <error class>", "timeout" or
// "connection error".
declare(strict_types=1);

require __DIR__ . '/../../../generated/php/autoload.php';

use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiStatusException;
use Protocol\Exceptions\ApiTimeoutException;

[$scenarios, $baseUrl] = [json_decode($argv[1], true, 512, JSON_THROW_ON_ERROR), $argv[2]];
$outcomes = [];
foreach ($scenarios as $scenario) {
    $client = new \Protocol\ApiClient('t', ['base_url' => $baseUrl . '/' . $scenario['name']]);
    $options = array_intersect_key($scenario, ['max_retries' => true, 'timeout' => true]);
    try {
        match ($scenario['call']) {
            'get' => $client->conversations->get('xgQQXg3hrtjh7AvZ', $options),
            'create' => $client->conversations->create(['contact_id' => 'WAz8eIbvDR60rouK'], $options),
            default => $client->request('POST', '/v1/conversations', body: [], retrySafe: false, options: $options),
        };
        $outcomes[$scenario['name']] = 'ok';
    } catch (ApiStatusException $error) {
        $outcomes[$scenario['name']] = 'status ' . $error->status . ' ' . (new \ReflectionClass($error))->getShortName();
    } catch (ApiTimeoutException) {
        $outcomes[$scenario['name']] = 'timeout';
    } catch (ApiConnectionException) {
        $outcomes[$scenario['name']] = 'connection error';
    }
}
echo json_encode($outcomes, JSON_THROW_ON_ERROR), "\n";

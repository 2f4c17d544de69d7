// The retry-parity scenarios, as the JavaScript client runs them (see test_retry_parity.py).
//   node parity.mjs '<scenarios as JSON>' <base URL>
// Prints {scenario: outcome} as JSON: "ok", "status <code> <error class>", "timeout" or
// "connection error".
import ApiClient, { APIStatusError, APITimeoutError, APIConnectionError } from '@example/protocol-api';

const [scenarios, baseUrl] = [JSON.parse(process.argv[2]), process.argv[3]];
const outcomes = {};
for (const scenario of scenarios) {
  const client = new ApiClient('t', { baseUrl: `${baseUrl}/${scenario.name}` });
  const options = {};
  if ('max_retries' in scenario) options.maxRetries = scenario.max_retries;
  if ('timeout' in scenario) options.timeout = scenario.timeout * 1000;
  try {
    if (scenario.call === 'get') await client.conversations.get('xgQQXg3hrtjh7AvZ', options);
    else if (scenario.call === 'create') await client.conversations.create({ contact_id: 'WAz8eIbvDR60rouK' }, options);
    else await client.request({ method: 'POST', path: '/v1/conversations', body: {}, retrySafe: false }, options);
    outcomes[scenario.name] = 'ok';
  } catch (error) {
    if (error instanceof APIStatusError) outcomes[scenario.name] = `status ${error.status} ${error.constructor.name}`;
    else if (error instanceof APITimeoutError) outcomes[scenario.name] = 'timeout';
    else if (error instanceof APIConnectionError) outcomes[scenario.name] = 'connection error';
    else throw error;
  }
}
console.log(JSON.stringify(outcomes));

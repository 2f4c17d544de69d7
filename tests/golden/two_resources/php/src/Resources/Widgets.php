<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Widget;

/** Widgets, a resource the templates know nothing about. */
final class Widgets
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): WidgetsWithRawResponse
    {
        return new WidgetsWithRawResponse($this, $this->client);
    }

    /**
     * List widgets
     *
     * Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.
     *
     * @param array{page_size?: int, after?: string, color?: 'red'|'green'|'blue', retired?: bool} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Widget> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/widgets',
            $params,
            Widget::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'after', 'before_param' => null, 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth']],
        );
    }

    /**
     * Create a widget
     *
     * @param array{name: string, color?: 'red'|'green'|'blue', size?: float|null, tags?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Widget
    {
        return Widget::fromArray(
            $this->client->request(
                'POST',
                '/v1/widgets',
                body: $params,
                retrySafe: false,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }

    /**
     * Retrieve a widget
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Widget
    {
        return Widget::fromArray(
            $this->client->request(
                'GET',
                '/v1/widgets/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }

    /**
     * Update a widget
     *
     * @param string $id The object's id.
     * @param array{name?: string, size?: float|null, retired_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params, array $options = []): Widget
    {
        return Widget::fromArray(
            $this->client->request(
                'PUT',
                '/v1/widgets/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }

    /**
     * Delete a widget
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/widgets/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth']],
        );
    }
}

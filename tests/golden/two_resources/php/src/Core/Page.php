<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/Page.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

/**
 * One page of a list. `foreach ($page as $item)` (or autoPagingIterator()) yields every item of
 * this page and of the pages after it, fetching one page at a time.
 *
 * @template T
 * @implements \IteratorAggregate<int, T>
 * @implements \ArrayAccess<string, mixed>
 */
final class Page implements \IteratorAggregate, \ArrayAccess, \Countable
{
    /** @var \Closure(array<string, mixed>): Page<T> */
    private readonly \Closure $fetch;

    /**
     * @param list<T> $data the items of this page
     * @param bool $has_more whether more items lie beyond this page, in the direction of travel
     * @param array<string, mixed> $query the query this page was fetched with
     * @param array{items_field: string, has_more_field: string, after_param: string, before_param: string|null, cursor_field: string} $pagination
     * @param callable(array<string, mixed>): Page<T> $fetch
     */
    public function __construct(
        public readonly array $data,
        public readonly bool $has_more,
        private readonly array $query,
        private readonly array $pagination,
        callable $fetch,
    ) {
        $this->fetch = \Closure::fromCallable($fetch);
    }

    public function hasNextPage(): bool
    {
        return $this->has_more && $this->data !== [];
    }

    /**
     * The query of the next page in the direction of travel (backward for a list asked for with
     * the before cursor), or null on the last page.
     *
     * @return array<string, mixed>|null
     */
    public function nextPageQuery(): ?array
    {
        if (!$this->hasNextPage()) {
            return null;
        }
        ['after_param' => $after, 'before_param' => $before, 'cursor_field' => $field] = $this->pagination;
        $backward = $before !== null && ($this->query[$before] ?? null) !== null;
        $query = $this->query;
        unset($query[$after]);
        if ($before !== null) {
            unset($query[$before]);
        }
        $item = $backward ? $this->data[0] : $this->data[count($this->data) - 1];
        $cursor = $item instanceof BaseModel ? $item[$field] : (is_array($item) ? $item[$field] : null);
        $query[$backward ? $before : $after] = $cursor;
        return $query;
    }

    /** @return Page<T>|null the next page, or null when there is none */
    public function getNextPage(): ?Page
    {
        $query = $this->nextPageQuery();
        return $query === null ? null : ($this->fetch)($query);
    }

    /** @return \Generator<int, Page<T>> this page, then each page after it */
    public function iterPages(): \Generator
    {
        $page = $this;
        $index = 0;
        while ($page !== null) {
            yield $index++ => $page;
            $page = $page->getNextPage();
        }
    }

    /** @return \Generator<int, T> every item of this page and of the pages after it */
    public function autoPagingIterator(): \Generator
    {
        $index = 0; // keys keep counting across pages, so iterator_to_array() keeps every item
        foreach ($this->iterPages() as $page) {
            foreach ($page->data as $item) {
                yield $index++ => $item;
            }
        }
    }

    /** @return \Generator<int, T> */
    public function getIterator(): \Generator
    {
        return $this->autoPagingIterator();
    }

    /** The number of items on this page. */
    public function count(): int
    {
        return count($this->data);
    }

    public function offsetExists(mixed $offset): bool
    {
        return $offset === 'data' || $offset === 'has_more';
    }

    public function offsetGet(mixed $offset): mixed
    {
        return match ($offset) {
            'data' => $this->data,
            'has_more' => $this->has_more,
            default => throw new \OutOfBoundsException(sprintf('A page has no "%s"; it has "data" and "has_more".', (string) $offset)),
        };
    }

    public function offsetSet(mixed $offset, mixed $value): void
    {
        throw new \LogicException('A page is read-only.');
    }

    public function offsetUnset(mixed $offset): void
    {
        throw new \LogicException('A page is read-only.');
    }
}

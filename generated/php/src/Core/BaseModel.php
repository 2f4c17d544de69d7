<?php
// Generated from spec/openapi.yaml + templates/php/src/Core/BaseModel.php.jinja. Do not edit.


declare(strict_types=1);

namespace Protocol\Core;

/**
 * What every model shares: read-only public properties, readable as `$model->name` or as
 * `$model['name']`, and `toArray()` / `json_encode()` giving back the API's JSON shape.
 *
 * @implements \ArrayAccess<string, mixed>
 */
abstract class BaseModel implements \ArrayAccess, \JsonSerializable
{
    /** Like an array: isset() is false for an attribute that is null. */
    public function offsetExists(mixed $offset): bool
    {
        return is_string($offset) && property_exists($this, $offset) && $this->{$offset} !== null;
    }

    public function offsetGet(mixed $offset): mixed
    {
        if (!is_string($offset) || !property_exists($this, $offset)) {
            throw new \OutOfBoundsException(sprintf('%s has no attribute "%s".', static::class, (string) $offset));
        }
        return $this->{$offset};
    }

    public function offsetSet(mixed $offset, mixed $value): void
    {
        throw new \LogicException(sprintf('%s is read-only.', static::class));
    }

    public function offsetUnset(mixed $offset): void
    {
        throw new \LogicException(sprintf('%s is read-only.', static::class));
    }

    /** @return array<string, mixed> */
    public function toArray(): array
    {
        return self::plain(get_object_vars($this));
    }

    /** @return array<string, mixed> */
    public function jsonSerialize(): array
    {
        return $this->toArray();
    }

    /**
     * @param array<mixed> $values
     * @return array<mixed>
     */
    private static function plain(array $values): array
    {
        foreach ($values as $key => $value) {
            if ($value instanceof self) {
                $values[$key] = $value->toArray();
            } elseif (is_array($value)) {
                $values[$key] = self::plain($value);
            }
        }
        return $values;
    }
}

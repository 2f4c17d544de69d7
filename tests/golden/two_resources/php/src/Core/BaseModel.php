<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/BaseModel.php.jinja. Do not edit.

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
    /** @var array<string, mixed> attributes the server sent that this version does not declare */
    private array $undeclared = [];

    /**
     * The attributes a newer server sent that this version of the client does not declare,
     * as received (also readable as `$model['name']`).
     *
     * @return array<string, mixed>
     */
    public function extra(): array
    {
        return $this->undeclared;
    }

    /** @param array<string, mixed> $extra */
    protected function withExtra(array $extra): static
    {
        $this->undeclared = $extra;
        return $this;
    }

    /**
     * @param array<string, mixed> $data
     * @param list<string> $known
     */
    protected static function rejectUnknown(array $data, array $known): void
    {
        $unknown = array_keys(array_diff_key($data, array_flip($known)));
        if ($unknown !== []) {
            throw new \InvalidArgumentException(sprintf(
                '%s has no attribute %s; it has %s.',
                static::class,
                implode(', ', array_map(static fn ($name): string => '"' . $name . '"', $unknown)),
                implode(', ', $known),
            ));
        }
    }
    /** Like an array: isset() is false for an attribute that is null. */
    public function offsetExists(mixed $offset): bool
    {
        if (!is_string($offset)) {
            return false;
        }
        return $this->declares($offset) ? $this->{$offset} !== null : isset($this->undeclared[$offset]);
    }

    public function offsetGet(mixed $offset): mixed
    {
        if (is_string($offset) && $this->declares($offset)) {
            return $this->{$offset};
        }
        if (is_string($offset) && array_key_exists($offset, $this->undeclared)) {
            return $this->undeclared[$offset];
        }
        throw new \OutOfBoundsException(sprintf('%s has no attribute "%s".', static::class, (string) $offset));
    }

    private function declares(string $name): bool
    {
        return $name !== 'undeclared' && property_exists($this, $name);
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
        $declared = get_object_vars($this);
        unset($declared['undeclared']);
        return self::plain([...$declared, ...$this->undeclared]);
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

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
     * The model of a discriminated union that $value's $property names (null stays null).
     *
     * @param array<string, class-string> $classes each value of $property and its model
     */
    public static function discriminated(mixed $value, string $property, array $classes): mixed
    {
        if ($value === null) {
            return null;
        }
        $named = is_array($value) && is_scalar($value[$property] ?? null) ? (string) $value[$property] : null;
        if ($named === null || !isset($classes[$named])) {
            throw new \TypeError(sprintf(
                '%s must be one of %s, got %s',
                $property,
                implode(', ', array_keys($classes)),
                json_encode(is_array($value) ? ($value[$property] ?? null) : $value),
            ));
        }
        return $classes[$named]::fromArray($value);
    }

    /**
     * $value as the first of $classes that declares every attribute it has (a union without a
     * discriminator), else as the first of them, or as it is when the union has a map option
     * ($orMap); a value that is no JSON object (a scalar or list option of the union) stays as
     * it is.
     *
     * @param list<class-string> $classes
     */
    public static function firstOf(mixed $value, array $classes, bool $orMap = false): mixed
    {
        if (!is_array($value) || ($value !== [] && array_is_list($value))) {
            return $value;
        }
        foreach ($classes as $class) {
            if (array_diff(array_keys($value), $class::ATTRIBUTES) === []) {
                return $class::fromArray($value);
            }
        }
        return $orMap ? $value : $classes[0]::fromArray($value);
    }

    /**
     * $value when it is of $type, the PHPDoc type of a list or map of scalars
     * (`list<string>`, `array<string, list<int>>`, `...|null`); else a TypeError naming
     * $attribute, which fromArray() reports as the response not matching the spec.
     */
    protected static function checked(mixed $value, string $type, string $attribute): mixed
    {
        if (!self::matches($value, $type)) {
            throw new \TypeError(sprintf('%s must be %s, got %s', $attribute, $type, json_encode($value)));
        }
        return $value;
    }

    private static function matches(mixed $value, string $type): bool
    {
        if (str_ends_with($type, '|null')) {
            return $value === null || self::matches($value, substr($type, 0, -5));
        }
        $inner = match (true) {
            str_starts_with($type, 'list<') => substr($type, 5, -1),
            str_starts_with($type, 'array<string, ') => substr($type, 14, -1),
            default => null,
        };
        if ($inner !== null) {
            if (!is_array($value) || (str_starts_with($type, 'list<') && !array_is_list($value))) {
                return false;
            }
            foreach ($value as $item) {
                if (!self::matches($item, $inner)) {
                    return false;
                }
            }
            return true;
        }
        return match ($type) {
            'string' => is_string($value),
            'int' => is_int($value),
            'float' => is_int($value) || is_float($value),
            'bool' => is_bool($value),
            default => true, // enums of a read model take any value (a newer server's)
        };
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

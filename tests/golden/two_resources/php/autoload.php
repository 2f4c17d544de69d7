<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/autoload.php.jinja. Do not edit.

declare(strict_types=1);

// For use without Composer: `require 'path/to/generated/php/autoload.php';` loads the Protocol\
// classes from src/ on first use (PSR-4, as composer.json declares).
spl_autoload_register(static function (string $class): void {
    $prefix = 'Protocol\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});

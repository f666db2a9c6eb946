// ESLint (flat config): the recommended rules over the JS package, the calculator page and the
// Node and browser tests (`make lint-js`). Generated code (wasm/pkg, wasm/www/pkg) is not ours.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["wasm/pkg/", "wasm/www/pkg/", "target/", "node_modules/", "tests/e2e/screenshots/", ".venv/"] },
  js.configs.recommended,
  // The JS package runs in browsers and in Node; the page and its worker in browsers.
  { files: ["wasm/js/**/*.js"], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  { files: ["wasm/www/**/*.js"], languageOptions: { globals: globals.browser } },
  { files: ["wasm/www/ekusia-worker.js"], languageOptions: { globals: globals.worker } },
  { files: ["tests/js/**/*.mjs", "tests/fuzz/**/*.mjs", "eslint.config.js"], languageOptions: { globals: globals.node } },
  // The browser tests run in Node, but the functions they hand to page.evaluate run in the page.
  { files: ["tests/e2e/**/*.mjs", "benches/**/*.mjs"], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];

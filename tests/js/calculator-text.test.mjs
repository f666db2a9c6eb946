// The calculator's texts: every key once per language, and the same keys in Swedish and English
// (a duplicate key silently replaces an earlier text, as once put a button's label in a table header).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const src = readFileSync(path.join(root, "wasm/www/calculator/texts.js"), "utf8");

function keys(lang) {
  const start = src.indexOf(`\n  ${lang}: {`);
  const end = src.indexOf("\n  },", start);
  assert.ok(start > 0 && end > start, `no ${lang} table`);
  return [...src.slice(start, end).matchAll(/(\w+):\s*"/g)].map((m) => m[1]);
}

test("each text key appears once per language, and both languages have the same keys", () => {
  const sv = keys("sv");
  const en = keys("en");
  assert.deepEqual(sv.filter((k, i) => sv.indexOf(k) !== i), []);
  assert.deepEqual(en.filter((k, i) => en.indexOf(k) !== i), []);
  assert.deepEqual([...sv].sort(), [...en].sort());
  assert.ok(sv.length > 60);
});

// The Excel workbook from WebAssembly (`reportXlsx`, the page's "Ladda ner Excel"): a valid
// .xlsx whose sheets hold the JSON report's numbers, byte for byte what the command line writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { inflateRawSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
// Node has no fetch of file URLs: hand the Excel module its bytes (a page lets reportXlsx load it).
await ek.loadXlsx(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_xlsx_bg.wasm")));

test("the Excel writer is a second module, not part of the calculator's", () => {
  const raw = readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm.js"), "utf8");
  assert.ok(!raw.includes("reportXlsx"), "the calculator's module has no Excel writer");
  const size = (f) => readFileSync(path.join(root, "wasm/www/pkg", f)).length;
  assert.ok(size("ekusia_wasm_bg.wasm") < size("ekusia_wasm_xlsx_bg.wasm"));
});

// A bundled example (its figures may change; nothing below is copied from a report) and two
// fixtures with groups and outcomes.
const MODELS = [
  "models/examples/jobbspar-forsorjningsstod.toml",
  "tests/vectors/models/v11-groups.toml",
  "tests/vectors/models/v11-outcomes.toml",
];

// The files of a zip archive by name, read through its central directory (stored or deflated
// entries, which is all an .xlsx holds).
function unzip(bytes) {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, "an end of central directory record");
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    p += 46 + nameLen + extra + comment;
  }
  return files;
}

// The numbers stored in a sheet (cells without a type attribute hold numbers).
function numbers(xml) {
  return [...xml.matchAll(/<c r="[A-Z]+\d+"(?: s="\d+")?><v>([^<]+)<\/v><\/c>/g)].map((m) => Number(m[1]));
}

for (const file of MODELS) {
  test(`reportXlsx(${file}) is a workbook with the report's numbers`, async () => {
    const text = readFileSync(path.join(root, file), "utf8");
    const report = ek.evaluate(text);
    const bytes = await ek.reportXlsx(text, "sv");
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    const files = unzip(bytes);
    const book = files.get("xl/workbook.xml");
    for (const name of ["Sammanfattning", "År", "Uppdelning", "Antaganden"]) assert.match(book, new RegExp(`name="${name}"`));
    assert.equal(book.includes('name="Målgrupper"'), report.groups.length > 0);
    assert.equal(book.includes('name="Utfall"'), report.outcomes.length > 0);
    const summary = numbers(files.get("xl/worksheets/sheet1.xml"));
    const years = numbers(files.get("xl/worksheets/sheet2.xml"));
    for (const r of report.rows) {
      for (const k of ["pv_effect", "pv_cost", "npv"]) assert.ok(summary.includes(Number(r[k])), `${r.id} ${k}`);
      for (const y of r.years) {
        for (const k of ["with", "without", "effect", "cost", "net", "pv_net", "cumulative_pv_net"]) {
          assert.ok(years.includes(Number(y[k])), `${r.id} year ${y.year} ${k}`);
        }
      }
    }
    // The same model in English: other sheet names, the same numbers.
    const en = unzip(await ek.reportXlsx(text, "en"));
    assert.match(en.get("xl/workbook.xml"), /name="Summary"/);
    assert.deepEqual(numbers(en.get("xl/worksheets/sheet2.xml")), years);
  });
}

test("the page's workbook is byte for byte the command line's", async (t) => {
  const cli = path.join(root, "target/debug/ekusia");
  if (!existsSync(cli)) {
    t.skip("the command line is built by `make test-rust` (target/debug/ekusia)");
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "ekusia-xlsx-"));
  try {
    for (const file of MODELS) {
      for (const lang of ["sv", "en"]) {
        const out = path.join(dir, `${lang}.xlsx`);
        const run = spawnSync(cli, ["run", file, "--format", "xlsx", "--lang", lang, "--output", out], { cwd: root });
        assert.equal(run.status, 0, String(run.stderr));
        const text = readFileSync(path.join(root, file), "utf8");
        assert.ok(Buffer.from(await ek.reportXlsx(text, lang)).equals(readFileSync(out)), `${file} ${lang}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a wrong model throws the core's error", async () => {
  await assert.rejects(() => ek.reportXlsx('format = "ekusia-model/1"\nname = "x"\nhorizon = 0', "sv"), (e) => {
    assert.equal(e.name, "ModelError");
    assert.ok(e.problems.length >= 1);
    return true;
  });
});

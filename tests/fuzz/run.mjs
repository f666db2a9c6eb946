// The JavaScript side of the cross-interface fuzz campaign: every case of a JSON-lines file
// through the JS package (evaluate, simulate, sensitivity), one outcome per line.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));

function outcome(fn) {
  try {
    return ["ok", fn()];
  } catch (e) {
    if (!e || !e.code) return ["crash", String(e && e.stack ? e.stack : e)];
    return ["err", (e.problems || []).map((p) => [p.code, p.path])];
  }
}

const [input, output] = process.argv.slice(2);
const out = [];
for (const line of readFileSync(input, "utf8").split("\n")) {
  if (!line) continue;
  const { text } = JSON.parse(line);
  out.push(JSON.stringify({
    evaluate: outcome(() => ek.evaluateJson(text)),
    simulate: outcome(() => JSON.stringify(ek.simulate(text, 20, 1))),
    sensitivity: outcome(() => JSON.stringify(ek.sensitivity(text))),
  }));
}
writeFileSync(output, out.join("\n") + "\n");

// Times 10,000 simulation runs of an example model in headless Chromium, the way the page runs
// them (the calculator's wasm module, `simulate(model, 10000, 1)` on the main thread), and
// prints the median and the best of N. Build the module first (`make wasm`).
//
//   node benches/browser_sim.mjs [model.toml] [repeats] [www dir]    (RUNS=1 for the fixed cost)
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modelPath = process.argv[2] ?? path.join(root, "models/examples/jobbspar-osakerhet.toml");
const repeats = Number(process.argv[3] ?? 15);
const www = path.resolve(process.argv[4] ?? path.join(root, "wasm/www"));
const runs = Number(process.env.RUNS ?? 10000);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const file = path.join(www, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(www) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const times = await page.evaluate(async ({ text, repeats, runs }) => {
    const ek = await import("./pkg/ekusia.js");
    await ek.load();
    ek.simulate(text, runs, 1); // warm up
    const out = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      ek.simulate(text, runs, 1);
      out.push(performance.now() - t0);
    }
    return out;
  }, { text: readFileSync(modelPath, "utf8"), repeats, runs });
  if (process.env.ALL) console.log(times.map((t) => t.toFixed(1)).join(" "));
  times.sort((a, b) => a - b);
  console.log(`${path.basename(modelPath)}: ${runs} runs in Chromium: median ${times[times.length >> 1].toFixed(2)} ms, best ${times[0].toFixed(2)} ms (${repeats} repeats)`);
} finally {
  await browser.close();
  server.close();
}

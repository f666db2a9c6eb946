// What the browser tests share: wasm/www served on a local port, Debian's headless Chromium
// (playwright-core), the command line to compare with, and the page's shadow DOM read the
// way the tests read it.
import { createServer } from "node:http";
import { readFileSync, mkdirSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const www = path.join(root, "wasm/www");
export const shots = path.join(root, "tests/e2e/screenshots");
mkdirSync(shots, { recursive: true });
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain" };

/** The server's address and the browser, once `start()` has run. */
export const env = { server: null, base: "", browser: null };

/** Serves wasm/www and launches Chromium (call in `before`). */
export async function start() {
  env.server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const file = path.join(www, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname));
    if (!file.startsWith(www) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => env.server.listen(0, "127.0.0.1", r));
  env.base = `http://127.0.0.1:${env.server.address().port}`;
  env.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Closes the browser and the server (call in `after`). */
export async function stop() {
  await env.browser?.close();
  env.server?.close();
}

// The command line is its own package (cli/); built once per run, so it is never older than the core.
let built = false;
export function cli(args, input) {
  const bin = path.join(root, "target/debug/ekusia");
  if (!built) execFileSync("cargo", ["build", "-q", "-p", "ekusia-cli"], { cwd: root, stdio: "inherit" });
  built = true;
  return execFileSync(bin, args, { cwd: root, input, encoding: "utf8" });
}

/** A page of `ctx` at `url` (the calculator by default) once its first result is shown; its
 * script errors collect in `page.jsErrors`. */
export async function open(ctx, url = `${env.base}/index.html`) {
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator("[data-testid=society-npv]").waitFor();
  page.jsErrors = errors;
  return page;
}

/** Society's npv as the page holds it (the report's exact decimal). */
export const societyNpv = (page) => page.locator("[data-testid=society-npv]").getAttribute("data-value");

/** Waits until society's npv shown is no longer `before`. */
export const npvChangedFrom = (page, before) => page.waitForFunction((b) => document.querySelector("ekusia-calculator").shadowRoot
  .querySelector("[data-testid=society-npv]").dataset.value !== b, before);

/** The calculator's model object as it is now. */
export const modelOf = (page) => page.evaluate(() => document.querySelector("ekusia-calculator").model);

/** Every row's npv in the page's summary table, by row id. */
export const rowNpvs = (page) => page.evaluate(() => Object.fromEntries([...document.querySelector("ekusia-calculator").shadowRoot
  .querySelectorAll("[data-testid=summary] tr[data-row]")].map((tr) => [tr.dataset.row, tr.querySelector("td[data-value]").dataset.value])));

/** The command line's report for a model object. */
export const cliReport = (model) => JSON.parse(cli(["run", "-", "--format", "json"], JSON.stringify(model)));

/** Clicks an item of the toolbar's menu ("Mer"/"More"): the one primary action stands beside it. */
export async function menuItem(page, name) {
  const menu = page.locator("details[data-testid=menu]");
  if (!(await menu.evaluate((d) => d.open))) await menu.locator("summary").click();
  await page.getByRole("button", { name, exact: true }).click();
}

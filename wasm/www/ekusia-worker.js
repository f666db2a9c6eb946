// Runs the Monte Carlo simulation and the sensitivity analysis off the page's main thread, so
// the calculator stays responsive while thousands of runs are computed.
import * as ek from "./pkg/ekusia.js";

// The browser first runs WebAssembly through a quick baseline compiler and compiles a
// function's optimised code only once it has run for a while; a first simulation of 10,000
// runs in a freshly loaded module took 40-80 ms instead of about 6. So the worker warms up as soon as it
// starts (the page starts it in idle time, before anyone asks): small simulations and one
// tornado of the bundled example with distributions, then a pause for the optimised code to be
// compiled in the background. A request that arrives meanwhile waits for the warm-up.
const WARM_CALLS = 12;
const WARM_RUNS = 500;
const WARM_PAUSE_MS = 200;

async function warmUp() {
  try {
    const example = ek.examples().find((e) => JSON.stringify(e.model).includes('"dist"'));
    if (!example) return;
    for (let i = 0; i < WARM_CALLS; i++) ek.simulate(example.model, WARM_RUNS, i + 1);
    ek.sensitivity(example.model);
  } catch {
    // A warm-up is only a warm-up: a real request reports its own problems.
    return;
  }
  await new Promise((r) => setTimeout(r, WARM_PAUSE_MS));
}

// A module that fails to load is reported with the first request, never left waiting.
const ready = ek.load().then(warmUp);

self.onmessage = async (event) => {
  const { id, model, runs, seed } = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const sim = ek.simulate(model, runs, seed);
    const simMs = performance.now() - t0;
    const sens = ek.sensitivity(model);
    self.postMessage({ id, sim, sens, simMs, ms: performance.now() - t0 });
  } catch (err) {
    // The first problem as the core words it (messages in both languages), for problemText.
    self.postMessage({ id, error: err.problems?.[0] ?? { message: err.message, code: err.code, path: err.path } });
  }
};

// Runs the Monte Carlo simulation and the sensitivity analysis off the page's main thread, so
// the calculator stays responsive while thousands of runs are computed.
import * as ek from "./pkg/ekusia.js";

const ready = ek.load();

self.onmessage = async (event) => {
  const { id, model, runs, seed } = event.data;
  await ready;
  try {
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

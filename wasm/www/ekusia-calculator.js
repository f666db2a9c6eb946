// <ekusia-calculator>: an embeddable socio-economic calculator for social interventions.
//
// Embed with one module script and one tag:
//   <script type="module" src="https://…/ekusia-calculator.js"></script>
//   <ekusia-calculator lang="sv" example="jobbspar-forsorjningsstod"></ekusia-calculator>
//
// Every number comes from the ekusia core (Rust compiled to WebAssembly, ./pkg/). The page's
// own code is the small modules in ./calculator/, which this file only loads:
//   element.js  the element: the model, its edits, computing, problems beside their fields
//   editor.js   the editor's form, made of fields.js (inputs with their paths), cohorts.js,
//               start.js, scenario.js, parameters.js (the parameters panel), states.js (time
//               limits) and groups.js (target groups)
//   results.js  the report (with its groups) and the simulation as HTML
//   charts.js   the SVG charts             format.js   numbers, money and row names (one place)
//   values.js   typed values in fields     paths.js    values in the model by path
//   texts.js    the Swedish and English words, style.js, html.js, share.js, blank.js
// The worker (./ekusia-worker.js) runs simulations off the main thread.
import { EkusiaCalculator } from "./calculator/element.js";

customElements.define("ekusia-calculator", EkusiaCalculator);
export { EkusiaCalculator };

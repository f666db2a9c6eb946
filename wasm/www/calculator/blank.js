// The model behind "Start from se-2024": the smallest valid intervention on the bundled base,
// for a visitor to edit into their own.
export const BLANK = {
  format: "ekusia-model/1.1", name: "Ny insats", base: "se-2024", horizon: "10", discount_rate: "0.035",
  intervention: {
    start: { social_assistance: "1" },
    cohorts: [{ start_year: "0", participants: "20" }],
    costs: [{ name: "Insatsens kostnad", amount: "1000000", years: ["0"], financing: { municipality: "1" } }],
  },
  scenarios: {
    with: { trajectory: [{ year: "1", shares: { employment: "0.25", social_assistance: "rest" } }] },
    without: { trajectory: [{ year: "1", shares: { employment: "0.1", social_assistance: "rest" } }] },
  },
};

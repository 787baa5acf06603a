// npm run bench:coverage [-- --arenas N] [--bootstrap N] [--fit davidson,half,decisive]
// Coverage of the true (decisive-preference) rating by the published 95% intervals, per setting:
// 5, 30, 300 and 2,000 votes per model × 0%, 10%, 30% ties × ties constant or Davidson
// (strength-dependent), for each candidate fit, with 95% Wilson intervals of the share.
import os from "node:os";
import { parseArgs } from "node:util";
import { wilsonInterval } from "../../lib/ratings/wilson-interval";
import { measureCoverage } from "./coverage-world";

const { values } = parseArgs({
  options: {
    arenas: { type: "string", default: "100" },
    bootstrap: { type: "string", default: "500" },
    models: { type: "string", default: "10" },
    spread: { type: "string", default: "120" },
    fit: { type: "string", default: "davidson,decisive,half" },
  },
});
const arenas = Number(values.arenas);
const bootstrap = Number(values.bootstrap);
const models = Number(values.models);
const spread = Number(values.spread);
const fits = (values.fit ?? "").split(",") as ("davidson" | "half" | "decisive")[];
if (
  ![arenas, bootstrap, models, spread].every((v) => Number.isInteger(v) && v > 0) ||
  fits.some((f) => !["davidson", "half", "decisive"].includes(f))
) {
  console.error(
    "usage: npm run bench:coverage -- [--arenas N] [--bootstrap N] [--models N] [--spread POINTS] [--fit davidson,half,decisive]",
  );
  process.exit(2);
}

const percent = (x: number) => `${(100 * x).toFixed(1)}`;
console.log(
  `${models} models, true ratings Normal(1000, ${spread}), ${arenas} arenas per setting, ${bootstrap} bootstrap rounds; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("fit       votes/model  ties  world     tie rate  gap ratio  coverage % [95% Wilson]");
for (const fit of fits) {
  for (const votesPerModel of [5, 30, 300, 2000]) {
    for (const tieShare of [0, 0.1, 0.3]) {
      for (const tieWorld of tieShare === 0 ? (["constant"] as const) : (["constant", "davidson"] as const)) {
        const r = measureCoverage({
          votesPerModel,
          tieShare,
          tieWorld,
          fit,
          models,
          arenas,
          spread,
          bootstrap,
          seed: votesPerModel + Math.round(100 * tieShare),
        });
        const w = wilsonInterval(r.covered, r.intervals);
        console.log(
          [
            fit.padEnd(8),
            String(votesPerModel).padStart(11),
            `${percent(tieShare)}%`.padStart(5),
            (tieShare === 0 ? "-" : tieWorld).padEnd(8),
            `${percent(r.tieRate)}%`.padStart(9),
            r.gapRatio.toFixed(3).padStart(10),
            `${percent(w.share)} [${percent(w.ciLow)}, ${percent(w.ciHigh)}]`.padStart(21),
          ].join("  "),
        );
      }
    }
  }
}

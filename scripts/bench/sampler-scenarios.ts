// The simulated worlds of the sampler benchmarks (scripts/bench/sampler.ts for pair samplers,
// scripts/bench/sampler-quad.ts for pairs against quads): each a WorldSpec (sampler-world.ts) with
// its vote horizon, replicate count and whether the pair sampler's weights were tuned on it.
import type { WorldSpec } from "./sampler-world";

export interface Scenario extends WorldSpec {
  horizon: number;
  replicates: number;
  /** Whether the sampler's shares and constants were chosen on this world (on the tuning seeds). */
  tuned: boolean;
  /** Votes between checkpoints, when not the benchmark's default (the 50-model world refits half as often). */
  checkEvery?: number;
}

const base = { prompts: 30, coverage: 1, ties: "flat" as const, replicates: 20, tuned: true };
export const SCENARIOS: Scenario[] = [
  { ...base, name: "20 models, spread 100", models: 20, spread: 100, horizon: 20_000, replicates: 60 },
  {
    ...base,
    name: "20 models, spread 100, new model",
    models: 20,
    spread: 100,
    horizon: 12_000,
    newModelAt: 6_000,
    replicates: 40,
  },
  { ...base, name: "10 models, spread 100", models: 10, spread: 100, horizon: 8_000, replicates: 60 },
  { ...base, name: "50 models, spread 100", models: 50, spread: 100, horizon: 30_000, replicates: 8, checkEvery: 500 },
  { ...base, name: "20 models, spread 50", models: 20, spread: 50, horizon: 20_000 },
  { ...base, name: "20 models, spread 200", models: 20, spread: 200, horizon: 15_000 },
  {
    ...base,
    name: "20 models, spread 100, half the prompts each",
    models: 20,
    spread: 100,
    coverage: 0.5,
    horizon: 15_000,
  },
  { ...base, name: "20 models, spread 100, Davidson ties", models: 20, spread: 100, ties: "davidson", horizon: 15_000 },
  // Held-out worlds: added after the weights were tuned, never used to choose them.
  {
    ...base,
    tuned: false,
    name: "15 models, spread 150, 20 prompts",
    models: 15,
    spread: 150,
    prompts: 20,
    horizon: 12_000,
  },
  {
    ...base,
    tuned: false,
    name: "25 models, spread 80, Davidson ties, 70% of prompts each",
    models: 25,
    spread: 80,
    coverage: 0.7,
    ties: "davidson",
    horizon: 20_000,
  },
];

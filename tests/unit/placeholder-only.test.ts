import { expect, test } from "vitest";
import { placeholderOnlyModelIds } from "@/lib/clip-visibility";

test("a model is placeholder-only when it has clips and all are placeholders; one real clip clears it", () => {
  const ids = placeholderOnlyModelIds([
    { modelId: "demo", placeholder: true },
    { modelId: "demo", placeholder: true },
    { modelId: "mixed", placeholder: true },
    { modelId: "mixed", placeholder: false },
    { modelId: "real", placeholder: false },
  ]);
  expect([...ids]).toEqual(["demo"]);
  expect(placeholderOnlyModelIds([]).size).toBe(0);
});

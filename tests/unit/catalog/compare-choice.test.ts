import { describe, expect, test } from "vitest";
import { checkCompareRequest, parseModelsParam } from "@/lib/catalog/compare-choice";

const modelNames = new Map([
  ["kling", "Kling"],
  ["veo", "Veo"],
  ["vidu", "Vidu"],
  ["hailuo", "Hailuo"],
  ["runway", "Runway"],
]);
const all = new Set(modelNames.keys());
const check = (promptId: string | undefined, slugs: string[], promptFound = true, slugsWithClip = all) =>
  checkCompareRequest({ promptId, slugs }, { promptFound, modelNames, slugsWithClip }).map((p) => p.kind);

describe("checkCompareRequest", () => {
  test("two to four known models with clips on a known prompt: nothing to say", () => {
    expect(check("p1", ["kling", "veo"])).toEqual([]);
    expect(check("p1", ["kling", "veo", "vidu", "hailuo"])).toEqual([]);
    expect(check(undefined, [])).toEqual([]);
  });

  test("a fifth model is refused out loud, with the count", () => {
    const problems = checkCompareRequest(
      { promptId: "p1", slugs: ["kling", "veo", "vidu", "hailuo", "runway"] },
      { promptFound: true, modelNames, slugsWithClip: all },
    );
    expect(problems).toEqual([{ kind: "tooMany", chosen: 5, max: 4 }]);
  });

  test("one model is too few; an unknown prompt and unknown models are named", () => {
    expect(check("p1", ["kling"])).toEqual(["tooFew"]);
    expect(check("nope", ["kling", "veo"], false)).toEqual(["unknownPrompt"]);
    const problems = checkCompareRequest(
      { promptId: "p1", slugs: ["kling", "sora"] },
      { promptFound: true, modelNames, slugsWithClip: all },
    );
    expect(problems).toEqual([{ kind: "unknownModels", slugs: ["sora"] }]);
  });

  test("a chosen model without a clip for the prompt is named, not dropped", () => {
    const problems = checkCompareRequest(
      { promptId: "p1", slugs: ["kling", "veo", "vidu"] },
      { promptFound: true, modelNames, slugsWithClip: new Set(["kling", "veo"]) },
    );
    expect(problems).toEqual([{ kind: "noClip", names: ["Vidu"] }]);
  });
});

describe("parseModelsParam", () => {
  test("repeated and comma-separated forms, blanks and duplicates removed, order kept", () => {
    expect(parseModelsParam(["veo", "kling,veo", " "])).toEqual(["veo", "kling"]);
    expect(parseModelsParam("a,b")).toEqual(["a", "b"]);
    expect(parseModelsParam(undefined)).toEqual([]);
  });
});

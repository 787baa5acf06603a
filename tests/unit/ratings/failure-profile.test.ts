import { describe, expect, test } from "vitest";
import { computeFailureProfile, taggedPair } from "@/lib/ratings/failure-profile";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";
import { type FileQuad, taggedQuad } from "@/lib/ratings/quad-row";
import { UsableAccumulator } from "@/lib/ratings/usable-cost";

describe("Wilson interval", () => {
  test("matches published values", () => {
    // Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
    const a = wilsonInterval(81, 263);
    expect(a.ciLow).toBeCloseTo(0.2553, 3);
    expect(a.ciHigh).toBeCloseTo(0.3662, 3);
    const b = wilsonInterval(0, 10);
    expect(b.ciLow).toBe(0);
    expect(b.ciHigh).toBeCloseTo(0.2775, 3);
  });

  test("never has zero width, and spans [0, 1] without trials", () => {
    const all = wilsonInterval(5, 5);
    expect(all.ciHigh).toBe(1);
    expect(all.ciLow).toBeLessThan(1);
    expect(wilsonInterval(0, 0)).toEqual({ share: 0, ciLow: 0, ciHigh: 1, trials: 0 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  test("covers the true share about 95% of the time", () => {
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t += 1) {
      const p = 0.05 + 0.4 * random();
      let successes = 0;
      for (let i = 0; i < 40; i += 1) if (random() < p) successes += 1;
      const { ciLow, ciHigh } = wilsonInterval(successes, 40);
      if (ciLow <= p && p <= ciHigh) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });
});

describe("failure profile", () => {
  const TAGS = ["interpenetration", "physics_violation"];

  test("counts each side of each vote once, per category and overall", () => {
    const rows = computeFailureProfile(
      [
        {
          modelA: "veo",
          modelB: "kling",
          allBad: false,
          categories: ["physics"],
          tagsA: [],
          tagsB: ["interpenetration", "interpenetration"],
        },
        {
          modelA: "kling",
          modelB: "veo",
          allBad: true,
          categories: ["physics", "dance"],
          tagsA: ["physics_violation"],
          tagsB: ["interpenetration"],
        },
        { modelA: "kling", modelB: "veo", allBad: false, categories: [], tagsA: [], tagsB: [] },
      ].map(taggedPair),
      TAGS,
    );
    const row = (model: string, category: string) => rows.find((r) => r.model === model && r.category === category);
    expect(row("kling", "overall")?.shown).toBe(3);
    expect(row("kling", "overall")?.tags.interpenetration?.share).toBeCloseTo(1 / 3, 12);
    expect(row("kling", "overall")?.tags.physics_violation?.share).toBeCloseTo(1 / 3, 12);
    expect(row("kling", "physics")?.shown).toBe(2);
    expect(row("kling", "physics")?.tags.interpenetration?.share).toBe(0.5);
    expect(row("kling", "dance")?.shown).toBe(1);
    expect(row("veo", "overall")?.bothBad.share).toBeCloseTo(1 / 3, 12);
    expect(row("veo", "dance")?.tags.interpenetration).toMatchObject({ share: 1, trials: 1 });
    expect(row("veo", "dance")?.tags.interpenetration?.ciLow).toBeLessThan(0.5);
    expect(rows.map((r) => r.category)[0]).toBe("overall");
  });
});

describe("quad votes in the failure profile and the usable share (issue 32)", () => {
  const TAGS = ["interpenetration", "physics_violation"];
  const quad = (best: 0 | 1 | 2 | 3 | null, worst: 0 | 1 | 2 | 3 | null, tags: string[][]): FileQuad => ({
    kind: "quad",
    quad: { models: ["veo", "kling", "sora", "wan"], best, worst },
    clips: [0, 1, 2, 3].map((i) => ({
      tags: tags[i] ?? [],
      times: [],
      deliveredMs: 5000,
    })) as unknown as FileQuad["clips"],
    categories: ["physics"],
    tstamp: null,
    flagged: false,
    named: false,
    recognised: false,
    voteId: null,
  });
  // Veo best, wan worst, kling tagged twice with one tag; then all four bad with sora tagged;
  // then a pair vote veo vs wan, both bad.
  const votes = [
    taggedQuad(quad(0, 3, [[], ["interpenetration", "interpenetration"], [], []])),
    taggedQuad(quad(null, null, [[], [], ["physics_violation"], []])),
    taggedPair({ modelA: "veo", modelB: "wan", allBad: true, categories: [], tagsA: [], tagsB: [] }),
  ];

  test("each of a quad's four clips is one appearance; all bad counts as both bad", () => {
    const rows = computeFailureProfile(votes, TAGS);
    const row = (model: string, category: string) => rows.find((r) => r.model === model && r.category === category);
    expect(row("veo", "overall")).toMatchObject({ shown: 3, bothBad: { share: 2 / 3, trials: 3 } });
    expect(row("veo", "physics")).toMatchObject({ shown: 2, bothBad: { share: 0.5 } });
    expect(row("kling", "overall")).toMatchObject({ shown: 2, bothBad: { share: 0.5 } });
    expect(row("kling", "overall")?.tags.interpenetration).toMatchObject({ share: 0.5, trials: 2 });
    expect(row("sora", "overall")?.tags.physics_violation).toMatchObject({ share: 0.5, trials: 2 });
    // The worst of four is a ranking, not a failure: wan's only failures are the all-bad votes.
    expect(row("wan", "overall")).toMatchObject({ shown: 3, bothBad: { share: 2 / 3 } });
    expect(Object.values(row("wan", "overall")?.tags ?? {}).every((t) => t.share === 0)).toBe(true);
  });

  test("usable: not tagged and not in an all-bad vote; the quad's worst stays usable", () => {
    const usable = new UsableAccumulator();
    for (const vote of votes) usable.add(vote);
    expect(usable.get("veo", "overall")).toEqual({ shown: 3, usable: 1 });
    expect(usable.get("kling", "overall")).toEqual({ shown: 2, usable: 0 });
    expect(usable.get("sora", "overall")).toEqual({ shown: 2, usable: 1 });
    expect(usable.get("wan", "overall")).toEqual({ shown: 3, usable: 1 });
    expect(usable.get("wan", "physics")).toEqual({ shown: 2, usable: 1 });
  });
});

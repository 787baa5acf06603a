import { describe, expect, test } from "vitest";
import { findAnomalousVotes, type IntegrityVote, sideSplitPValue } from "@/lib/integrity/voter-anomalies";
import { seededRandom } from "@/lib/random";

const RATINGS = new Map([
  ["strong", 1150],
  ["middle", 1000],
  ["weak", 850],
]);
const MODELS = [...RATINGS.keys()];

/** Votes of one voter who follows the ratings (or, contrarian, picks against them), random sides. */
function voter(
  id: string,
  count: number,
  seed: number,
  behaviour: "honest" | "contrarian" | "left" = "honest",
  address: string | null = null,
): IntegrityVote[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const a = MODELS[Math.floor(random() * 3)] as string;
    const b = MODELS.filter((m) => m !== a)[Math.floor(random() * 2)] as string;
    const pLeft = 1 / (1 + 10 ** (((RATINGS.get(b) as number) - (RATINGS.get(a) as number)) / 400));
    const followsRatings = random() < pLeft;
    const outcome = behaviour === "left" ? "left" : (behaviour === "honest") === followsRatings ? "left" : "right";
    return {
      id: `${id}-${i}`,
      voter: id,
      address,
      outcome,
      leftModel: a,
      rightModel: b,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 30_000),
      tooFast: false,
    };
  });
}

describe("sideSplitPValue", () => {
  test("matches the exact binomial test", () => {
    expect(sideSplitPValue(10, 0)).toBeCloseTo(2 / 1024, 12);
    expect(sideSplitPValue(5, 5)).toBe(1);
    expect(sideSplitPValue(8, 2)).toBeCloseTo((2 * (45 + 10 + 1)) / 1024, 12);
    expect(sideSplitPValue(400, 0)).toBeGreaterThan(0);
  });
});

describe("findAnomalousVotes", () => {
  test("flags a voter who always picks the left clip, all of their votes", () => {
    const flagged = findAnomalousVotes([...voter("lefty", 20, 1, "left"), ...voter("fair", 20, 2)], RATINGS);
    expect([...flagged.values()]).toEqual(Array(20).fill("one_sided_voter"));
    expect([...flagged.keys()].every((id) => id.startsWith("lefty-"))).toBe(true);
  });

  test("flags a voter who keeps choosing the model the ratings expect to lose", () => {
    const flagged = findAnomalousVotes(voter("contrarian", 40, 3, "contrarian"), RATINGS);
    expect(new Set(flagged.values())).toEqual(new Set(["contrarian_voter"]));
  });

  test("flags a voter whose votes mostly came before the clips could play", () => {
    const votes = voter("rusher", 10, 4).map((v, i) => ({ ...v, tooFast: i < 6 }));
    expect(new Set(findAnomalousVotes(votes, RATINGS).values())).toEqual(new Set(["too_fast_voter"]));
  });

  test("flags the votes of a burst from one address, not the address's calm votes", () => {
    const calm = voter("calm", 5, 5, "honest", "addr-1");
    const burst = Array.from({ length: 8 }, (_, n) =>
      voter(`bot-${n}`, 10, 10 + n, "honest", "addr-1").map((v, i) => ({
        ...v,
        createdAt: new Date(Date.UTC(2026, 0, 2) + n * 1000 + i * 100),
      })),
    ).flat();
    const flagged = findAnomalousVotes([...calm, ...burst], RATINGS);
    expect(burst.every((v) => flagged.get(v.id) === "address_burst")).toBe(true);
    expect(calm.some((v) => flagged.has(v.id))).toBe(false);
  });

  test("leaves honest voters alone: under 0.5% of 1,000 simulated honest voters flagged", () => {
    const votes = Array.from({ length: 1000 }, (_, n) =>
      voter(`honest-${n}`, 30, 100 + n, "honest", `addr-${n}`),
    ).flat();
    const flaggedVoters = new Set(
      [...findAnomalousVotes(votes, RATINGS).keys()].map((id) => id.split("-").slice(0, 2).join("-")),
    );
    expect(flaggedVoters.size).toBeLessThan(5);
  });

  test("a voter with few votes is never judged", () => {
    expect(findAnomalousVotes(voter("newcomer", 5, 6, "left"), RATINGS).size).toBe(0);
  });
});

/** The burst rule written the obvious way (every window flags all its votes): the reference. */
function referenceBurstFlags(votes: readonly IntegrityVote[], windowMs = 60_000, burstVotes = 60): Set<string> {
  const sorted = [...votes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const flagged = new Set<string>();
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]!.createdAt.getTime() - sorted[start]!.createdAt.getTime() > windowMs) start += 1;
    if (end - start + 1 > burstVotes) for (let i = start; i <= end; i += 1) flagged.add(sorted[i]!.id);
  }
  return flagged;
}

describe("findAnomalousVotes at the scale of one shared address", () => {
  // 5,000 voters behind one carrier-grade NAT address, ten honest votes each: one calm vote every
  // 1.5 s (40 a minute, under the burst threshold), with two bursts of 150 votes in 15 s.
  const random = seededRandom(77);
  const start = Date.UTC(2026, 0, 3);
  const votes: IntegrityVote[] = Array.from({ length: 50_000 }, (_, i) => {
    const burst = (i >= 10_000 && i < 10_150) || (i >= 30_000 && i < 30_150);
    const a = MODELS[i % 3] as string;
    const b = MODELS[(i + 1) % 3] as string;
    return {
      id: `nat-${i}`,
      voter: `voter-${Math.floor(i / 10)}`,
      address: "carrier-nat",
      outcome: random() < 0.5 ? "left" : "right",
      leftModel: a,
      rightModel: b,
      createdAt: new Date(start + (burst ? (i < 30_000 ? 10_000 : 30_000) * 1500 + (i % 150) * 100 : i * 1500)),
      tooFast: false,
    };
  });

  test(
    "50,000 votes from one address: the bursts and their neighbours are flagged exactly as the reference rule says",
    { timeout: 30_000 },
    () => {
      // No ratings: the contrarian test stays out, so every flag here is the burst rule's.
      const flagged = findAnomalousVotes(votes, new Map());
      expect(new Set(flagged.values())).toEqual(new Set(["address_burst"]));
      const bursts = new Set([...flagged].filter(([, reason]) => reason === "address_burst").map(([id]) => id));
      expect(bursts).toEqual(referenceBurstFlags(votes));
      expect(bursts.has("nat-10000") && bursts.has("nat-30149")).toBe(true);
      expect(bursts.has("nat-20000")).toBe(false);
    },
  );

  test("50,000 votes from one voter are grouped and judged (one-sided)", { timeout: 30_000 }, () => {
    const one = votes.map((v) => ({ ...v, voter: "proxy-user", address: null, outcome: "left" as const }));
    const flagged = findAnomalousVotes(one, RATINGS);
    expect(flagged.size).toBe(50_000);
    expect(new Set(flagged.values())).toEqual(new Set(["one_sided_voter"]));
  });
});

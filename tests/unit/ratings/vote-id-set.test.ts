import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { VoteIdSet } from "@/lib/ratings/vote-id-set";

describe("VoteIdSet", () => {
  test("answers as a Set<string> does over 200,000 ids, repeats, non-ASCII ids and hash collisions", () => {
    // 200,000 ids give about 5 pairs with equal 32-bit hashes (birthday bound), which must still
    // be told apart by their characters.
    const random = seededRandom(5);
    const ids = Array.from({ length: 200_000 }, (_, i) =>
      i % 1000 === 0 ? `投票-${i}-é` : Math.floor(random() * 2 ** 40).toString(36),
    );
    const reference = new Set<string>();
    const set = new VoteIdSet();
    const [answers, expected] = [[] as boolean[], [] as boolean[]];
    for (const id of [...ids, ...ids.slice(0, 5000), "", "", "a", "ab"]) {
      answers.push(set.add(id));
      expected.push(!reference.has(id));
      reference.add(id);
    }
    expect(answers).toEqual(expected);
    expect(answers.filter((added) => !added).length).toBeGreaterThan(5000);
    expect(set.size).toBe(reference.size);
  });
});

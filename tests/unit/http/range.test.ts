import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseRange } from "@/lib/http/range";

// RFC 9110 §14.1.2 (byte ranges), §14.4 (416 when no range overlaps the representation).
describe("parseRange", () => {
  test("no header, a blank range or another unit: the whole file", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("", 100)).toBeNull();
    expect(parseRange("bytes=-", 100)).toBeNull();
    expect(parseRange("items=0-9", 100)).toBeNull();
    expect(parseRange("bytes=a-b", 100)).toBeNull();
  });

  test("several ranges are answered with the whole file", () => {
    expect(parseRange("bytes=0-9,20-29", 100)).toBeNull();
  });

  test("first-last, inclusive at both ends", () => {
    expect(parseRange("bytes=0-0", 100)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=10-19", 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange(" bytes=10-19 ", 100)).toEqual({ start: 10, end: 19 });
  });

  test("an open end or an end past the file stops at the last byte", () => {
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=90-1000", 100)).toEqual({ start: 90, end: 99 });
  });

  test("a suffix range is the last n bytes, the whole file when n is larger", () => {
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
  });

  test("a start at or past the end, a start after the end or an empty suffix is unsatisfiable (416)", () => {
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=100-200", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=20-10", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  });

  test("every satisfiable range lies inside the file and holds at least one byte", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.nat(20_000), { nil: undefined }),
        fc.option(fc.nat(20_000), { nil: undefined }),
        (size, first, last) => {
          const range = parseRange(`bytes=${first ?? ""}-${last ?? ""}`, size);
          if (range === null) return first === undefined && last === undefined;
          if (range === "unsatisfiable") return true;
          return 0 <= range.start && range.start <= range.end && range.end < size;
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { type DeliveryFormat, formatKeyOf } from "../../../lib/media/delivery-format";
import { membersToRender } from "../../../lib/media/prompt-deliveries";

const format: DeliveryFormat = { width: 1280, height: 720, frameRate: "30", lengthMs: 5000 };
const current = formatKeyOf(format);
const member = (id: string, renditionKey: string | null, renditionFormat: string | null, placeholder = false) => ({
  id,
  renditionKey,
  renditionFormat,
  placeholder,
});

describe("membersToRender (one rule for media:renditions and the console's count)", () => {
  it("renders nothing while every clip is in the prompt's format", () => {
    expect(membersToRender([member("a", "ka", current), member("b", "kb", current)], format)).toEqual([]);
  });

  it("leaves demo placeholders as shipped when only they lack a recorded format", () => {
    expect(membersToRender([member("a", "ka", null, true), member("b", "kb", null, true)], format)).toEqual([]);
  });

  it("renders every clip not in the format once one clip has no rendition", () => {
    const members = [member("a", null, null), member("b", "kb", current), member("c", "kc", null, true)];
    expect(membersToRender(members, format).map((m) => m.id)).toEqual(["a", "c"]);
  });

  it("counts a real clip whose rendition has no recorded format (the console once missed it)", () => {
    const members = [member("a", "ka", null), member("b", "kb", current)];
    expect(membersToRender(members, format).map((m) => m.id)).toEqual(["a"]);
  });

  it("renders again after the prompt's format changed, placeholders with a stale format included", () => {
    const members = [member("a", "ka", "640x360@30/4000ms"), member("b", "kb", "640x360@30/4000ms", true)];
    expect(membersToRender(members, format).map((m) => m.id)).toEqual(["a", "b"]);
  });
});

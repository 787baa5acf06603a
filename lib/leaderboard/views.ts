import { z } from "zod";
import { langSchema, slugSchema } from "../arena/schemas";

/** The leaderboard filters a reader can choose; each combination is one precomputed view. */
export const leaderboardQuerySchema = z.strictObject({
  category: z.union([z.literal("overall"), slugSchema]).default("overall"),
  method: z.enum(["bt", "elo"]).default("bt"),
  lang: z.union([langSchema, z.literal("")]).default(""),
  mode: z.enum(["image_to_video", "text_to_video", ""]).default(""),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

/** Key of a view inside a snapshot: category|lang|mode, empty meaning "any". */
export function viewKey(view: { category: string; lang: string; mode: string }): string {
  return `${view.category}|${view.lang}|${view.mode}`;
}

export const VIEW_LANGS = ["", "zh", "en"] as const;
export const VIEW_MODES = ["", "image_to_video", "text_to_video"] as const;

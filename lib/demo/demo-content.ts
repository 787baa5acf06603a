import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The four seeded categories. */
export const demoCategories = [
  { slug: "physics", nameZh: "物理", nameEn: "Physics" },
  { slug: "dance", nameZh: "舞蹈", nameEn: "Dance" },
  { slug: "action", nameZh: "动作", nameEn: "Action" },
  { slug: "lighting", nameZh: "光影", nameEn: "Lighting" },
] as const;

type CategorySlug = (typeof demoCategories)[number]["slug"];

/**
 * The six demo models. `promptLang` is the language each is fed: reviewers give Chinese prompts
 * to the Chinese models and English ones to the others. Release dates are approximate.
 */
export const demoModels: {
  slug: string;
  name: string;
  organisation: string;
  version: string;
  releaseDate: string;
  url: string;
  promptLang: "zh" | "en";
}[] = [
  {
    slug: "kling-1-6",
    name: "Kling 1.6",
    organisation: "Kuaishou",
    version: "1.6",
    releaseDate: "2024-12-19",
    url: "https://klingai.com",
    promptLang: "zh",
  },
  {
    slug: "runway-gen-4",
    name: "Runway Gen-4",
    organisation: "Runway",
    version: "Gen-4",
    releaseDate: "2025-03-31",
    url: "https://runwayml.com",
    promptLang: "en",
  },
  {
    slug: "runway-gen-3-alpha",
    name: "Runway Gen-3 Alpha",
    organisation: "Runway",
    version: "Gen-3 Alpha",
    releaseDate: "2024-06-17",
    url: "https://runwayml.com",
    promptLang: "en",
  },
  {
    slug: "veo-2",
    name: "Veo 2",
    organisation: "Google DeepMind",
    version: "2",
    releaseDate: "2024-12-16",
    url: "https://deepmind.google/technologies/veo/",
    promptLang: "en",
  },
  {
    slug: "hailuo",
    name: "Hailuo",
    organisation: "MiniMax",
    version: "I2V-01",
    releaseDate: "2024-09-01",
    url: "https://hailuoai.video",
    promptLang: "zh",
  },
  {
    slug: "vidu",
    name: "Vidu",
    organisation: "Shengshu",
    version: "2.0",
    releaseDate: "2025-01-15",
    url: "https://www.vidu.com",
    promptLang: "zh",
  },
];

/** The seven prompts of the side-by-side review that inspired Clip Arena. */
export const demoPrompts: {
  index: number;
  textZh: string;
  textEn: string;
  mode: "image_to_video" | "text_to_video";
  categories: CategorySlug[];
}[] = [
  {
    index: 1,
    textZh: "一个人在花田中缓缓行走，花瓣随风飘扬，镜头在身后手持跟拍。",
    textEn:
      "A person walks slowly through a field of flowers, petals blowing in the wind; a handheld camera follows from behind.",
    mode: "image_to_video",
    categories: ["physics", "lighting"],
  },
  {
    index: 2,
    textZh: "一辆汽车从悬崖边缘坠落。",
    textEn: "A car falls from the edge of a cliff.",
    mode: "image_to_video",
    categories: ["physics", "action"],
  },
  {
    index: 3,
    textZh: "一位身穿汉服的女孩翩翩起舞，双臂挥舞旋转，转身后面向镜头，点头微笑。",
    textEn: "A girl in hanfu dances, arms swirling as she turns, then faces the camera, nods and smiles.",
    mode: "image_to_video",
    categories: ["dance"],
  },
  {
    index: 4,
    textZh: "手持盾牌的士兵们向前冲锋。",
    textEn: "Soldiers with shields charge forward.",
    mode: "text_to_video",
    categories: ["action"],
  },
  {
    index: 5,
    textZh: "一个男人犹豫着，扶着墙稳住身体，一边四处张望，一边一步一步地爬上楼梯。",
    textEn:
      "A man hesitates, steadies himself against the wall, and climbs the stairs step by step while looking around.",
    mode: "image_to_video",
    categories: ["physics", "action"],
  },
  {
    index: 6,
    textZh: "洛神在水下翩翩起舞，长袖飘逸。",
    textEn: "The goddess of the Luo River dances underwater, her long sleeves flowing.",
    mode: "image_to_video",
    categories: ["dance", "lighting"],
  },
  {
    index: 7,
    textZh: "右边的男人后退一步，举枪对准左边男人的额头，镜头快速拉远，显示两人站在天台上。",
    textEn:
      "The man on the right steps back and aims a gun at the forehead of the man on the left; the camera pulls back fast to show them on a rooftop.",
    mode: "image_to_video",
    categories: ["action"],
  },
];

const manifestSchema = z.object({
  clips: z.array(
    z.object({
      file: z.string(),
      promptIndex: z.number().int().min(1),
      model: z.string(),
      durationMs: z.number().int().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      mimeType: z.string(),
    }),
  ),
  images: z.array(
    z.object({
      file: z.string(),
      promptIndex: z.number().int().min(1),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      mimeType: z.string(),
    }),
  ),
});

export type DemoMedia = z.infer<typeof manifestSchema>;

/**
 * Reads the committed media manifest (made by scripts/demo/make-demo-media.sh) and resolves each
 * file to an absolute `path`.
 */
export function loadDemoMedia(rootDir: string) {
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(rootDir, "manifest.json"), "utf8")));
  return {
    clips: manifest.clips.map((clip) => ({ ...clip, path: path.join(rootDir, clip.file) })),
    images: manifest.images.map((image) => ({ ...image, path: path.join(rootDir, image.file) })),
  };
}

import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Language a prompt is written in when it is given to a model. */
export type PromptLang = "zh" | "en";

/** How a clip was generated: from a start image plus text, or from text alone. */
export type PromptMode = "image_to_video" | "text_to_video";

/** A leaderboard category, named in both UI languages. */
export interface DemoCategory {
  readonly slug: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A video generation model of the demo catalog. */
export interface DemoModel {
  readonly slug: string;
  readonly name: string;
  readonly organisation: string;
  readonly version: string;
  /** ISO date (YYYY-MM-DD) of the public release; approximate. */
  readonly releaseDate: string;
  /** Official homepage. */
  readonly url: string;
  /** Language of the prompt text this model is given. */
  readonly promptLang: PromptLang;
}

/** One prompt of the demo, in Chinese and English. */
export interface DemoPrompt {
  /** 1-based position in the original review; media files refer to prompts by it. */
  readonly index: number;
  readonly textZh: string;
  readonly textEn: string;
  readonly mode: PromptMode;
  readonly categories: readonly DemoCategorySlug[];
}

/** The four categories of the demo. */
export const demoCategories = [
  { slug: "physics", nameZh: "物理", nameEn: "Physics" },
  { slug: "dance", nameZh: "舞蹈", nameEn: "Dance" },
  { slug: "action", nameZh: "动作", nameEn: "Action" },
  { slug: "lighting", nameZh: "光影", nameEn: "Lighting" },
] as const satisfies readonly DemoCategory[];

/** Slug of one of {@link demoCategories}. */
export type DemoCategorySlug = (typeof demoCategories)[number]["slug"];

/**
 * The six demo models. `promptLang` follows the reviews this demo copies, which fed the Chinese
 * prompt to the models from Chinese labs and the English one to the others.
 */
export const demoModels = [
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
    version: "video-01",
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
] as const satisfies readonly DemoModel[];

/** Slug of one of {@link demoModels}. */
export type DemoModelSlug = (typeof demoModels)[number]["slug"];

/** The seven prompts of the side-by-side review that inspired Clip Arena. */
export const demoPrompts: readonly DemoPrompt[] = [
  {
    index: 1,
    textZh: "一个人在花田中缓缓前行，花瓣随风飘散，镜头在其身后手持跟拍。",
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
    textZh: "一位身穿汉服的女孩翩翩起舞，双臂挥舞回旋，转身后面向镜头，点头微笑。",
    textEn: "A girl in hanfu dances, arms swirling as she turns, then faces the camera, nods and smiles.",
    mode: "image_to_video",
    categories: ["dance"],
  },
  {
    index: 4,
    textZh: "手持盾牌的士兵们向前冲锋。",
    textEn: "Soldiers with shields charge forward.",
    // The one text-to-video prompt: it has no start image.
    mode: "text_to_video",
    categories: ["action"],
  },
  {
    index: 5,
    textZh: "一个男人迟疑片刻，扶着墙稳住身子，一边左顾右盼，一边一步一步地走上楼梯。",
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
    textZh: "右边的男人后退一步，举枪对准左边男人的额头，镜头快速拉远，露出两人正站在天台上。",
    textEn:
      "The man on the right steps back and aims a gun at the forehead of the man on the left; the camera pulls back fast to show them on a rooftop.",
    mode: "image_to_video",
    categories: ["action"],
  },
];

/** Folder of the committed demo media, relative to the repository root. */
export const DEMO_MEDIA_DIR = path.join("media", "demo");

// Files are named by the generating script: a folder, a hash, an extension. Anything else (an
// absolute path, "..") is rejected so a manifest can never point outside the media folder.
const clipFile = z.string().regex(/^clips\/c-[0-9a-f]{8,64}\.mp4$/);
const imageFile = z.string().regex(/^images\/i-[0-9a-f]{8,64}\.(png|jpg)$/);
const dimension = z.number().int().positive().max(4096);
const promptIndex = z
  .number()
  .int()
  .refine((index) => demoPrompts.some((prompt) => prompt.index === index), "unknown prompt index");

const manifestSchema = z
  .object({
    clips: z.array(
      z.strictObject({
        file: clipFile,
        promptIndex,
        model: z.enum(demoModels.map((model) => model.slug)),
        durationMs: z.number().int().positive(),
        width: dimension,
        height: dimension,
        frameRate: z.number().positive(),
        // Demo clips ship as delivery renditions (lib/media/transcode.ts): H.264 MP4, no sound.
        mimeType: z.literal("video/mp4"),
      }),
    ),
    images: z.array(
      z.strictObject({
        file: imageFile,
        promptIndex,
        width: dimension,
        height: dimension,
        mimeType: z.enum(["image/png", "image/jpeg"]),
      }),
    ),
  })
  .superRefine((manifest, ctx) => {
    // The script and this module list models and prompts separately; catch any drift here,
    // before a seed silently loads a catalogue with holes in it.
    const clipKeys = manifest.clips.map((clip) => `${clip.promptIndex}/${clip.model}`);
    for (const prompt of demoPrompts) {
      for (const model of demoModels) {
        const count = clipKeys.filter((key) => key === `${prompt.index}/${model.slug}`).length;
        if (count !== 1)
          ctx.addIssue({ code: "custom", message: `${count} clips for prompt ${prompt.index}, model ${model.slug}` });
      }
      const images = manifest.images.filter((image) => image.promptIndex === prompt.index).length;
      const expected = prompt.mode === "image_to_video" ? 1 : 0;
      if (images !== expected)
        ctx.addIssue({ code: "custom", message: `${images} start images for prompt ${prompt.index}` });
    }
    const files = [...manifest.clips, ...manifest.images].map((entry) => entry.file);
    if (new Set(files).size !== files.length) ctx.addIssue({ code: "custom", message: "a file is listed twice" });
  });

type Manifest = z.infer<typeof manifestSchema>;

/** A placeholder clip: one model's take on one prompt, with its measured duration, size and frame rate. */
export type DemoClip = Manifest["clips"][number] & {
  /** Absolute path of the MP4 rendition. */
  path: string;
};

/** The start image of an image-to-video prompt. */
export type DemoImage = Manifest["images"][number] & {
  /** Absolute path of the image file. */
  path: string;
};

/** The demo media: exactly one clip per (prompt, model) and one start image per image-to-video prompt. */
export interface DemoMedia {
  clips: DemoClip[];
  images: DemoImage[];
}

/**
 * Reads and validates `media/demo/manifest.json` (written by scripts/demo/make-demo-media.sh)
 * under the repository root `rootDir`, and resolves each file to an absolute `path`.
 * Throws when the manifest is missing, malformed, or does not cover exactly the demo catalog.
 */
export function loadDemoMedia(rootDir: string): DemoMedia {
  const mediaDir = path.resolve(rootDir, DEMO_MEDIA_DIR);
  const manifestPath = path.join(mediaDir, "manifest.json");
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(manifestPath, "utf8")));
  return {
    clips: manifest.clips.map((clip) => ({ ...clip, path: path.join(mediaDir, clip.file) })),
    images: manifest.images.map((image) => ({ ...image, path: path.join(mediaDir, image.file) })),
  };
}

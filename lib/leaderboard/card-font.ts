import { readFile } from "node:fs/promises";
import path from "node:path";
import en from "../../messages/en.json";
import zh from "../../messages/zh.json";
import { fontCodePoints } from "../media/font-cmap";

/** Where the share cards' font subsets live (committed; `npm run fonts:cards` regenerates them). */
export const CARD_FONT_DIR = "assets/fonts/cards";

/**
 * The share cards' fonts: Noto Sans CJK SC (SIL OFL 1.1, assets/fonts/cards/OFL.txt) cut down to
 * `cardCharacters()`, one file per weight, from the face at `faceIndex` of Debian's fonts-noto-cjk
 * collections.
 */
export const CARD_FONT_FILES = [
  { file: "NotoSansSC-Regular.cards.otf", weight: 400, source: "NotoSansCJK-Regular.ttc", faceIndex: 2 },
  { file: "NotoSansSC-Bold.cards.otf", weight: 700, source: "NotoSansCJK-Bold.ttc", faceIndex: 2 },
] as const;

const range = (from: number, to: number) =>
  String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));

/**
 * Characters a card draws besides its messages: printable ASCII and Latin-1 (numbers, slugs, Latin
 * model and organisation names) and the symbols of its numbers and intervals (lib/interval-text.ts,
 * cardLines: "−", "–", "±∞", "·").
 */
const BEYOND_MESSAGES = `${range(0x20, 0x7e)}${range(0xa0, 0xff)}−–—±∞·…×’“”`;

/** Every string leaf of a messages subtree. */
const leaves = (tree: unknown): string[] =>
  typeof tree === "string" ? [tree] : tree && typeof tree === "object" ? Object.values(tree).flatMap(leaves) : [];

/**
 * The characters the share cards are drawn with, as one sorted string without repeats: the card
 * labels (`shareCard`) and category names (`categories`) of both languages' messages, plus
 * BEYOND_MESSAGES. The font subsets hold exactly these.
 */
export function cardCharacters(): string {
  const text = [en.shareCard, zh.shareCard, en.categories, zh.categories].flatMap(leaves).join("") + BEYOND_MESSAGES;
  return [...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join("");
}

/** A font as next/og (satori) takes it. */
export interface CardFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: "normal";
}

/** The loaded card fonts and what they can draw. */
export interface CardFonts {
  fonts: CardFont[];
  /** True when every character of `text` is in every weight's subset (whitespace aside). */
  draws(text: string): boolean;
}

/**
 * Reads the card fonts from `root`/CARD_FONT_DIR and their character maps. A card only ever hands
 * next/og text these fonts draw (see `drawableOr`): a character no font has would make next/og
 * fetch a font from Google Fonts at request time, which fails offline and leaks the text.
 */
export async function loadCardFonts(root: string = process.cwd()): Promise<CardFonts> {
  const files = await Promise.all(
    CARD_FONT_FILES.map(async (f) => ({ ...f, bytes: await readFile(path.join(root, CARD_FONT_DIR, f.file)) })),
  );
  const maps = files.map((f) => fontCodePoints(f.bytes));
  return {
    fonts: files.map((f) => ({
      name: "Noto Sans SC",
      data: f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength),
      weight: f.weight,
      style: "normal",
    })),
    draws: (text) => [...text].every((c) => /\s/.test(c) || maps.every((m) => m.has(c.codePointAt(0)!))),
  };
}

/**
 * `text` when the card fonts draw all of it, else `fallback` (e.g. a model's slug, which is
 * ASCII): a name in a script the subset lacks is shown by its Latin form instead of boxes. Should
 * the fallback not be drawable either, `text` without the characters the fonts lack ("?" if none remain).
 */
export function drawableOr(fonts: Pick<CardFonts, "draws">, text: string, fallback: string): string {
  if (fonts.draws(text)) return text;
  if (fonts.draws(fallback)) return fallback;
  return (
    [...text]
      .filter((c) => fonts.draws(c))
      .join("")
      .trim() || "?"
  );
}

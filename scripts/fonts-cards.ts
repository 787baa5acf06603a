// npm run fonts:cards: cuts the share cards' fonts (assets/fonts/cards/*.otf) out of Debian's
// Noto Sans CJK collections, keeping exactly the characters cardCharacters() lists (the card labels
// and category names of messages/*.json, ASCII, Latin-1 and the interval symbols). Needs Debian's
// `fonts-noto-cjk` and `fonttools` (pyftsubset): apt-get install fonts-noto-cjk fonttools. Re-run
// after changing the `shareCard` or `categories` messages and commit the fonts;
// tests/unit/leaderboard/card-font.test.ts fails until then.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CARD_FONT_DIR, CARD_FONT_FILES, cardCharacters } from "../lib/leaderboard/card-font";

const SOURCE_DIR = process.env.NOTO_CJK_DIR ?? "/usr/share/fonts/opentype/noto";

const text = cardCharacters();
fs.mkdirSync(CARD_FONT_DIR, { recursive: true });
for (const font of CARD_FONT_FILES) {
  const target = path.join(CARD_FONT_DIR, font.file);
  execFileSync(
    "pyftsubset",
    [
      path.join(SOURCE_DIR, font.source),
      `--font-number=${font.faceIndex}`,
      `--text=${text}`,
      `--output-file=${target}`,
      // Kerning and proportional CJK punctuation only; no hinting (satori draws outlines, unhinted).
      "--layout-features=kern,palt",
      "--no-hinting",
      // Keep the copyright, licence and licence URL records with the glyphs.
      "--name-IDs=0,1,2,3,4,5,6,13,14",
    ],
    { stdio: "inherit" },
  );
  console.log(`${target}: ${fs.statSync(target).size} bytes, ${[...text].length} characters`);
}

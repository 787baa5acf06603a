// Used by make-demo-media.sh: turns one generated placeholder into a delivery rendition with the
// same module imports use (lib/media/transcode.ts), at a higher CRF to keep the committed media small.
// usage: tsx scripts/demo/transcode-demo-clip.ts <source> <target.mp4>
import fs from "node:fs";
import path from "node:path";
import { transcodeRenditions } from "../../lib/media/transcode";

/** Every demo clip is encoded alike, so no setting tells one placeholder model from another. */
const DEMO_CRF = 34;

const [source, target] = process.argv.slice(2);
if (!source || !target) throw new Error("usage: tsx scripts/demo/transcode-demo-clip.ts <source> <target.mp4>");
const files = await transcodeRenditions(source, false, path.dirname(target), {
  name: `${path.basename(target, ".mp4")}-rendition`,
  crf: DEMO_CRF,
});
fs.renameSync(files.silent, target);

#!/usr/bin/env bash
# Makes the demo's synthetic placeholder media: one small clip per model per prompt, shipped as a
# delivery rendition (H.264 MP4 made by lib/media/transcode.ts, the same module imports use, so the
# quick start needs no ffmpeg), one start image per image-to-video prompt, and
# media/demo/manifest.json with each file's duration, size and frame rate as measured by ffprobe. Run once; the output is committed. Rerunning rebuilds media/demo from
# scratch and, with the same ffmpeg, gives byte-identical files.
#
# Needs: ffmpeg and ffprobe built with libvpx and libfreetype (Debian: apt-get install ffmpeg),
# the DejaVu font (Debian: apt-get install fonts-dejavu-core) and node.
#
# Blindness: no file name, frame or container field may name a model. Files are named by a hash,
# the captions show only the prompt number, and all metadata is stripped (bitexact: no encoder tag).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=media/demo
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

die() { echo "make-demo-media: $*" >&2; exit 1; }
for tool in ffmpeg ffprobe node sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
[[ -f $font ]] || die "font $font is missing (Debian: apt-get install fonts-dejavu-core)"

# Must match demoModels and demoPrompts in lib/demo/demo-content.ts; loadDemoMedia rejects a
# manifest that does not cover exactly those models and prompts.
models=(kling-1-6 runway-gen-4 runway-gen-3-alpha veo-2 hailuo vidu)
# Per PROMPT, never per model (a per-model duration or size would name the model after one
# reveal): frame size and duration in seconds. Durations differ between prompts so players and the
# "both clips watched" logic meet clips of unequal length; two prompts use another aspect ratio.
sizes=(384x216 384x216 288x216 384x216 384x192 384x216 384x216)
durations=(5 4 3.5 6 4.5 5.5 5)
prompts=(1 2 3 4 5 6 7)
image_prompts=(1 2 3 5 6 7) # prompt 4 is text-to-video, so it has no start image
# Four colours per prompt, loosely after its scene. Given explicitly because ffmpeg 5.1's
# gradients source picks "random" colours from the clock, not from its seed.
palettes=(
  "0xf7a1c4 0x7fc97f 0xfdf6b2 0x3b7a57" # flower field
  "0x8c6d46 0x5b9bd5 0x2f2f2f 0xd9d9d9" # cliff
  "0xd7263d 0xf9c80e 0x2e294e 0xf4e1d2" # hanfu dance
  "0x7b7b7b 0xb33f40 0x3d2c1e 0xe0c080" # shields
  "0x44475a 0xc2a878 0x1b1b2f 0x8a7f70" # stairs
  "0x0a4c6a 0x3ec1d3 0xe0f7fa 0x14213d" # underwater
  "0xff7f50 0x30324a 0xc0c0c0 0x101018" # rooftop
)
gradient_colours() { # prompt, how many
  local colours i=0 result=""
  read -r -a colours <<<"${palettes[$1 - 1]}"
  for ((i = 0; i < $2; i++)); do result+=":c${i}=${colours[i]}"; done
  echo "nb_colors=$2${result}"
}

# One visual family per model, varied per prompt p: colours, seeds, rules, zoom.
source_for() {
  local model=$1 p=$2 w=$3 h=$4
  local hue=$((p * 51 % 360))
  case $model in
    kling-1-6)
      echo "testsrc2=size=${w}x${h}:rate=24,hue=h=${hue}" ;;
    runway-gen-4)
      local outer=(normalized_iteration_count iteration_count normalized_iteration_count normalized_iteration_count iteration_count normalized_iteration_count iteration_count)
      local inner=(mincol period black convergence period mincol black)
      echo "mandelbrot=size=${w}x${h}:rate=24:start_scale=$((2 + p % 3)):end_scale=0.2:outer=${outer[p - 1]}:inner=${inner[p - 1]},hue=h=${hue}" ;;
    runway-gen-3-alpha)
      # Game of Life on a coarse grid at 8 generations a second, scaled up with hard edges.
      local colour=("#f2c14e" "#e4572e" "#76b041" "#17bebb" "#c879ff" "#ffc914" "#ff6b9a")
      echo "life=size=$((w / 6))x$((h / 6)):rate=8:seed=${p}:ratio=0.3:mold=6:life_color=${colour[p - 1]}:death_color=#10203a:mold_color=#5a3f7a,scale=${w}x${h}:flags=neighbor,fps=24" ;;
    veo-2)
      # An elementary cellular automaton (a different rule per prompt), two-tone recoloured.
      local rule=(30 90 110 150 22 126 182)
      echo "cellauto=size=$((w / 6))x$((h / 6)):rate=8:rule=${rule[p - 1]}:random_fill_ratio=0.5:seed=${p},scale=${w}x${h}:flags=neighbor,fps=24,format=rgb24,lutrgb=r='if(gt(val,128),235,$((p * 30 % 120)))':g='if(gt(val,128),$((90 + p * 20)),30)':b='if(gt(val,128),70,$((60 + p * 15)))'" ;;
    hailuo)
      echo "gradients=size=${w}x${h}:rate=24:seed=${p}:$(gradient_colours "$p" 3):speed=0.03:type=radial,vignette=PI/5" ;;
    vidu)
      # A moving plasma of three sine fields.
      echo "nullsrc=size=${w}x${h}:rate=24,geq=r='128+110*sin(X/(8+4*${p})+T*2)':g='128+110*sin(Y/(40-4*${p})-T*1.5+${p})':b='128+110*sin((X+${p}*Y)/(20+3*${p})+T+${p}*2)',hue=h=${hue}" ;;
    *) die "no visual style for model $model" ;;
  esac
}

# A caption bar and a large prompt number: enough to tell clips apart, nothing about the model.
caption() {
  local p=$1
  echo "drawbox=x=0:y=ih-32:w=iw:h=32:color=black@0.7:t=fill,drawtext=fontfile=${font}:text='PLACEHOLDER · prompt ${p}':x=10:y=h-24:fontsize=16:fontcolor=white,drawtext=fontfile=${font}:text='${p}':x=w-tw-14:y=8:fontsize=60:fontcolor=white@0.9:borderw=3:bordercolor=black@0.8"
}

opaque() { printf 'clip-arena-demo:%s' "$1" | sha256sum | cut -c1-10; }
strip=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact)

# Build in a scratch folder and swap it in at the end, so a failed run leaves media/demo as it was.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/clips" "$work/images"
measurements="$work/measurements.tsv"
: >"$measurements"

for p in "${prompts[@]}"; do
  for i in "${!models[@]}"; do
    model=${models[i]}
    w=${sizes[p - 1]%x*} h=${sizes[p - 1]#*x}
    file="clips/c-$(opaque "${p}-${model}").mp4"
    # A lossless intermediate, then the delivery rendition by the import's own transcoder.
    ffmpeg -nostdin -v error -f lavfi -i "$(source_for "$model" "$p" "$w" "$h")" -t "${durations[p - 1]}" \
      -vf "$(caption "$p")" -an -c:v libx264 -qp 0 -preset ultrafast "$work/source.mkv"
    npx tsx scripts/demo/transcode-demo-clip.ts "$work/source.mkv" "$work/$file"
    rm "$work/source.mkv"
    read -r width height rate duration <<<"$(ffprobe -v error -select_streams v:0 \
      -show_entries stream=width,height,avg_frame_rate:format=duration -of default=nw=1:nk=1 "$work/$file" | tr '\n' ' ')"
    printf 'clip\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$p" "$model" "$duration" "$width" "$height" "$rate" >>"$measurements"
  done
done

for p in "${image_prompts[@]}"; do
  file="images/i-$(opaque "image-${p}").png"
  ffmpeg -nostdin -v error -f lavfi -i "gradients=size=384x216:seed=$((p * 7)):$(gradient_colours "$p" 4):type=linear" -frames:v 1 \
    -vf "drawgrid=w=48:h=48:t=1:c=white@0.15,drawtext=fontfile=${font}:text='START IMAGE · prompt ${p}':x=(w-tw)/2:y=(h-th)/2:fontsize=22:fontcolor=white:borderw=2:bordercolor=black" \
    "${strip[@]}" "$work/$file"
  read -r width height <<<"$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height \
    -of default=nw=1:nk=1 "$work/$file" | tr '\n' ' ')"
  printf 'image\t%s\t%s\t\t\t%s\t%s\t\n' "$file" "$p" "$width" "$height" >>"$measurements"
done

node - "$measurements" "$work/manifest.json" <<'EOF'
const fs = require("node:fs");
const [source, target] = process.argv.slice(2);
const manifest = { clips: [], images: [] };
for (const line of fs.readFileSync(source, "utf8").split("\n").filter(Boolean)) {
  const [kind, file, promptIndex, model, duration, width, height, rate] = line.split("\t");
  const size = { width: Number(width), height: Number(height) };
  if (kind === "clip") {
    const durationMs = Math.round(Number(duration) * 1000);
    const [frames, seconds] = rate.split("/").map(Number);
    const frameRate = Math.round((frames / seconds) * 1000) / 1000;
    manifest.clips.push({ file, promptIndex: Number(promptIndex), model, durationMs, ...size, frameRate, mimeType: "video/mp4" });
  } else {
    manifest.images.push({ file, promptIndex: Number(promptIndex), ...size, mimeType: "image/png" });
  }
}
for (const entry of [...manifest.clips, ...manifest.images]) {
  if (!(entry.width > 0 && entry.height > 0) || entry.durationMs === 0 || Number.isNaN(entry.durationMs)) {
    throw new Error(`bad measurement for ${entry.file}`);
  }
}
fs.writeFileSync(target, JSON.stringify(manifest, null, 2) + "\n");
EOF
rm "$measurements"

# Blindness check: no model slug or name in any file's bytes.
for needle in "${models[@]}" kling runway hailuo vidu "veo 2" "gen-3" "gen-4"; do
  if grep -rliaF -- "$needle" "$work/clips" "$work/images"; then die "a media file contains \"$needle\""; fi
done

rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$work" "$out"
trap - EXIT
chmod -R u=rwX,go=rX "$out"
echo "wrote $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) in $out"

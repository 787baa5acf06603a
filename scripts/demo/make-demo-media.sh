#!/usr/bin/env bash
# Makes the demo's synthetic placeholder media with Debian's ffmpeg (apt-get install ffmpeg):
# one small WebM clip per model per prompt, a start image per image-to-video prompt, and
# media/demo/manifest.json with the measured duration and size of each file.
# Run once; the output is committed. Blindness: no file name, frame or metadata names a model.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=media/demo
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
rm -rf "$out" && mkdir -p "$out/clips" "$out/images"

# One visual style per model (by position in lib/demo/demo-content.ts) and a duration in seconds.
models=(kling-1-6 runway-gen-4 runway-gen-3-alpha veo-2 hailuo vidu)
sources=(
  "testsrc2=size=384x216:rate=24"
  "mandelbrot=size=384x216:rate=24:start_scale=3:end_scale=0.3"
  "life=size=384x216:rate=24:mold=10:ratio=0.15:death_color=#1b2a4a:life_color=#f2c14e"
  "cellauto=size=384x216:rate=24:rule=110,scale=384x216"
  "gradients=size=384x216:rate=24:speed=0.04:nb_colors=4"
  "rgbtestsrc=size=384x216:rate=24,hue=H=2*PI*t/4"
)
durations=(5 4 3.5 6 4.5 5.5)
# Image-to-video prompts (the others are text-to-video).
image_prompts=(1 2 3 5 6 7)

opaque() { printf '%s' "clip-arena-demo:$1" | sha256sum | cut -c1-10; }
strip=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact)

manifest_clips=()
for prompt in 1 2 3 4 5 6 7; do
  for i in "${!models[@]}"; do
    name="c-$(opaque "${prompt}-${models[$i]}").webm"
    hue=$(( (prompt * 47 + i * 13) % 360 ))
    ffmpeg -v error -f lavfi -i "${sources[$i]}" -t "${durations[$i]}" \
      -vf "hue=h=${hue},drawbox=x=0:y=ih-34:w=iw:h=34:color=black@0.55:t=fill,drawtext=fontfile=${font}:text='PLACEHOLDER · prompt ${prompt}':x=10:y=h-26:fontsize=17:fontcolor=white,drawtext=fontfile=${font}:text='${prompt}':x=w-tw-14:y=10:fontsize=54:fontcolor=white@0.85:borderw=2:bordercolor=black" \
      -c:v libvpx-vp9 -b:v 90k -deadline good -cpu-used 4 -row-mt 1 -pix_fmt yuv420p -an "${strip[@]}" "$out/clips/$name"
    read -r width height duration < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height:format=duration -of default=nw=1:nk=1 "$out/clips/$name" | tr '\n' ' '; echo)
    ms=$(awk -v d="$duration" 'BEGIN { printf "%d", d * 1000 }')
    manifest_clips+=("{\"file\":\"clips/$name\",\"promptIndex\":$prompt,\"model\":\"${models[$i]}\",\"durationMs\":$ms,\"width\":$width,\"height\":$height,\"mimeType\":\"video/webm\"}")
  done
done

manifest_images=()
for prompt in "${image_prompts[@]}"; do
  name="i-$(opaque "image-${prompt}").png"
  hue=$(( prompt * 51 % 360 ))
  ffmpeg -v error -f lavfi -i "smptehdbars=size=384x216" -frames:v 1 \
    -vf "hue=h=${hue}:s=0.6,drawtext=fontfile=${font}:text='START IMAGE · prompt ${prompt}':x=(w-tw)/2:y=(h-th)/2:fontsize=22:fontcolor=white:borderw=2:bordercolor=black" \
    "${strip[@]}" "$out/images/$name"
  manifest_images+=("{\"file\":\"images/$name\",\"promptIndex\":$prompt,\"width\":384,\"height\":216,\"mimeType\":\"image/png\"}")
done

join() { local IFS=,; echo "$*"; }
printf '{"clips":[%s],"images":[%s]}\n' "$(join "${manifest_clips[@]}")" "$(join "${manifest_images[@]}")" \
  | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0, "utf8")), null, 1) + "\n")' > "$out/manifest.json"
du -sh "$out"

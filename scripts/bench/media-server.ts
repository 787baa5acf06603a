// The server half of `npm run bench:media`, in its own process so its CPU time is its own:
// node --import tsx scripts/bench/media-server.ts <store dir> <port> <key>…
// Serves /plain/<i>, /padded/<i>/<token> (the per-URL free box only), /unlinked/<i>/<token> (the
// per-URL rewrite and the box: what voters get), /s3/<i>/<token> (the same from an s3rver bucket),
// and /cpu (this process's user + system CPU time in ms). Prints "ready" when listening.
import http from "node:http";
import { serveThroughBridge } from "../../lib/http/node-bridge";
import { serveStoredFile } from "../../lib/http/serve-file";
import { derivePadding } from "../../lib/media/mp4-padding";
import { deriveUnlinkKey } from "../../lib/media/mp4-unlink";
import { unsupportedFiles } from "../../lib/media/unlinked-layouts";
import { LocalMediaStore } from "../../lib/storage/local-media";
import type { MediaStore } from "../../lib/storage/media-store";
import { startS3Server } from "../../tests/integration/storage/s3-server";

const SECRET = "bench-media-secret";
const [dir = "", port = "0", ...keys] = process.argv.slice(2);
const local = new LocalMediaStore(dir);
const s3 = await startS3Server();
const bucket = s3.store();
const s3Keys: string[] = [];
for (const key of keys) s3Keys.push(await bucket.putFile(local.pathOf(key), "clips", "mp4", "video/mp4"));

const server = http.createServer((req, res) => {
  const [, kind = "", index = "", token = ""] = (req.url ?? "/").split("/");
  if (kind === "cpu") {
    const { user, system } = process.cpuUsage();
    res.end(JSON.stringify({ ms: (user + system) / 1000, unsupported: unsupportedFiles.size }));
    return;
  }
  const store: MediaStore = kind === "s3" ? bucket : local;
  const storageKey = (kind === "s3" ? s3Keys : keys)[Number(index)] ?? "";
  const perUrl = kind === "plain" ? {} : { padding: derivePadding(SECRET, token) };
  const unlink = kind === "unlinked" || kind === "s3" ? { unlinkKey: deriveUnlinkKey(SECRET, token) } : {};
  // Through the bridge `npm start` serves media with (lib/http/direct-routes.ts), so the figures
  // are those of the production path.
  void serveThroughBridge(req, res, (request) =>
    serveStoredFile(store, request, { storageKey, mimeType: "video/mp4", ...perUrl, ...unlink }, "no-store"),
  );
});
server.listen(Number(port), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => {
  server.close();
  void s3.close().then(() => process.exit(0));
});

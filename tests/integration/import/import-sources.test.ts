import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resolveSource, type SourceOptions } from "@/lib/import/fetch-source";

let root: string;
let server: http.Server;
let port = 0;
const requests: string[] = [];

/** Public-looking names for the stand-in host, and names that resolve to non-public addresses. */
const DNS: Record<string, string[]> = {
  "clips.example": ["93.184.215.14"],
  "internal.example": ["10.0.0.5"],
  "rebound.example": ["93.184.215.14", "127.0.0.1"],
  "mapped.example": ["::ffff:169.254.169.254"],
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-sources-"));
  const base = path.join(root, "import");
  fs.mkdirSync(path.join(base, "clips"), { recursive: true });
  fs.writeFileSync(path.join(base, "clips", "real.webm"), "clip bytes");
  fs.writeFileSync(path.join(root, "secret.txt"), "outside the import folder");
  fs.symlinkSync(path.join(root, "secret.txt"), path.join(base, "clips", "link.webm"));
  fs.symlinkSync(root, path.join(base, "linked-dir"));
  fs.symlinkSync(path.join(base, "clips", "real.webm"), path.join(base, "inner-link.webm"));
  server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const redirect = /^\/redirect\/(.+)$/.exec(request.url ?? "")?.[1];
    if (redirect) return response.writeHead(302, { location: decodeURIComponent(redirect) }).end();
    response.writeHead(200).end("downloaded");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(root, { recursive: true, force: true });
});

function options(): SourceOptions {
  return {
    baseDir: path.join(root, "import"),
    downloadDir: path.join(root, "downloads"),
    maxBytes: 1024 * 1024,
    // Every https host is served by the local stand-in; only the lookup decides what is allowed.
    fetchImpl: (input, init) =>
      fetch(
        (input instanceof Request ? input.url : input.toString()).replace(
          /^https:\/\/[^/]+/,
          `http://127.0.0.1:${port}`,
        ),
        init,
      ),
    lookupImpl: (hostname) =>
      Promise.resolve(DNS[hostname] ?? (hostname.includes(":") || /^\d/.test(hostname) ? [hostname] : [])),
  };
}

test("local files: a regular file inside the folder is taken; symbolic links are not followed", async () => {
  expect(await resolveSource("clips/real.webm", options())).toEqual({
    path: path.join(fs.realpathSync(root), "import", "clips", "real.webm"),
  });
  for (const reference of ["clips/link.webm", "linked-dir/secret.txt", "inner-link.webm"])
    expect(await resolveSource(reference, options()), reference).toEqual({
      problem: { code: "symbolic_link", params: {}, message: expect.stringMatching(/symbolic link/) },
    });
  expect(await resolveSource("clips/none.webm", options())).toEqual({
    problem: { code: "no_such_file", params: { file: "clips/none.webm" }, message: "no such file: clips/none.webm" },
  });
});

test("URLs on loopback, private, link-local or mixed addresses are refused before any request", async () => {
  requests.length = 0;
  for (const url of [
    "https://127.0.0.1/clip.webm",
    "https://[::1]/clip.webm",
    "https://169.254.169.254/latest/meta-data",
    "https://internal.example/clip.webm",
    "https://rebound.example/clip.webm",
    "https://mapped.example/clip.webm",
    "https://nowhere.example/clip.webm",
  ])
    expect(await resolveSource(url, options()), url).toMatchObject({
      problem: { code: "download_refused", message: expect.stringMatching(/^download refused: /) },
    });
  expect(requests).toEqual([]);
});

test("redirects are followed only to public https hosts, each hop checked", async () => {
  requests.length = 0;
  const ok = await resolveSource(
    `https://clips.example/redirect/${encodeURIComponent("https://clips.example/final.webm")}`,
    options(),
  );
  expect(ok).toEqual({ path: expect.any(String) });
  expect(fs.readFileSync((ok as { path: string }).path, "utf8")).toBe("downloaded");
  for (const target of [
    "https://internal.example/x",
    "https://127.0.0.1/x",
    "http://clips.example/x",
    "/redirect/https%3A%2F%2F10.0.0.1%2Fx",
  ]) {
    requests.length = 0;
    const result = await resolveSource(`https://clips.example/redirect/${encodeURIComponent(target)}`, options());
    expect(result, target).toMatchObject({
      problem: { code: "download_refused", message: expect.stringMatching(/^download refused: /) },
    });
    expect(requests.some((url) => url === "/x")).toBe(false);
  }
  // /redirect/x answers "Location: x", itself: the chain ends at the redirect limit.
  expect(await resolveSource("https://clips.example/redirect/x", options())).toEqual({
    problem: {
      code: "download_refused",
      params: { detail: "more than 5 redirects" },
      message: "download refused: more than 5 redirects",
    },
  });
});

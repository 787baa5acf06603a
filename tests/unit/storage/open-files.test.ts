import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { OpenFiles } from "@/lib/storage/open-files";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-open-files-"));
const fileOf = (name: string, bytes: number) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 7));
  return file;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Whether a handle is still open: reading from a closed FileHandle rejects (EBADF). */
const isOpen = (handle: fs.promises.FileHandle) =>
  handle.read(Buffer.alloc(1), 0, 1, 0).then(
    () => true,
    () => false,
  );

test("one open file per path, with its size; an evicted file stays open until its last user releases it", async () => {
  const files = new OpenFiles(1);
  const a = fileOf("a", 10);
  const first = await files.acquire(a);
  const second = await files.acquire(a);
  expect(second.file.handle).toBe(first.file.handle);
  expect(first.file.size).toBe(10);
  // A second path evicts the first (limit 1) while two users still read it.
  const b = await files.acquire(fileOf("b", 20));
  expect(await isOpen(first.file.handle)).toBe(true);
  first.release();
  first.release(); // releasing twice counts once
  expect(await isOpen(first.file.handle)).toBe(true);
  second.release();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await isOpen(first.file.handle)).toBe(false);
  expect(await isOpen(b.file.handle)).toBe(true);
  b.release();
});

test("a failed open is not remembered, and a forgotten path is opened again", async () => {
  const files = new OpenFiles(8);
  const late = path.join(dir, "late");
  await expect(files.acquire(late)).rejects.toThrow(/ENOENT/);
  fs.writeFileSync(late, "now here");
  const found = await files.acquire(late);
  expect(found.file.size).toBe(8);
  found.release();
  files.forget(late);
  fs.writeFileSync(late, "replaced, longer");
  const again = await files.acquire(late);
  expect(again.file.size).toBe(16);
  again.release();
});

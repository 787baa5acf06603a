/**
 * One value per process under a name, kept on globalThis. `npm start` serves the hot arena
 * endpoints from lib/ directly and everything else through Next.js, whose bundle holds its own
 * copy of every lib/ module; state that both must see (the database client, caches that an
 * operator's edit invalidates, rate limiters) lives here so there is one of it, not two.
 */
export function processShared<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`clip-arena:${name}`);
  store[key] ??= create();
  return store[key];
}

import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/** How long a statement retries while another connection or process holds the write lock. */
export const SQLITE_LOCK_WAIT_MS = 5_000;
const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 100;

/** Whether the driver refused for a lock held elsewhere (SQLITE_BUSY and its extended codes). */
function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | null)?.cause;
  return typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY");
}

/**
 * Runs `statement`, and while SQLite answers SQLITE_BUSY (a lock another connection or process
 * holds: a CLI, a backup, the worker thread's recompute) runs it again after a growing pause, up
 * to SQLITE_LOCK_WAIT_MS; then the SQLITE_BUSY error stands (the API answers 503 with
 * Retry-After). The pauses are timers, so the event loop serves reads and files meanwhile. Only
 * statements that did nothing when refused are retried: one outside a transaction, or the first
 * of a transaction (nothing read yet, so no stale snapshot). SQLite's documentation on
 * SQLITE_BUSY: such a statement may simply be retried.
 */
async function retryWhileBusy<T>(statement: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, LONGEST_RETRY_MS)) {
    try {
      return await statement();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * Prisma's better-sqlite3 adapter has one connection, and it runs a query made outside a
 * transaction on that connection even while an interactive transaction is open there: the query
 * joins the transaction and is undone if it rolls back, so an acknowledged write could be lost.
 * This wrapper holds such queries until the open transaction has ended. Statements are
 * synchronous in better-sqlite3, so a query that starts runs to completion before anything else.
 */
export function gateSqliteTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  // Settles when the open transaction ends; null when none is open.
  let openTransaction: Promise<void> | null = null;

  async function outsideTransactions<T>(run: () => Promise<T>): Promise<T> {
    // Checked again before each retry: a transaction may have opened during the pause.
    return retryWhileBusy(async () => {
      while (openTransaction) await openTransaction;
      return run();
    });
  }

  async function startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // Claimed in the same turn the loop sees no transaction, so two starts cannot both pass.
    while (openTransaction) await openTransaction;
    let end!: () => void;
    openTransaction = new Promise<void>((resolve) => {
      end = () => {
        openTransaction = null;
        resolve();
      };
    });
    let tx: Transaction;
    try {
      tx = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      end();
      throw error;
    }
    // Prisma sends COMMIT or ROLLBACK as a query, then calls these to release the connection.
    const finish = (settle: () => Promise<void>) => async () => {
      try {
        await settle();
      } finally {
        end();
      }
    };
    // The transaction's first statement may wait for the lock; later ones may not (see retryWhileBusy).
    let started = false;
    const statement = <T>(run: () => Promise<T>) => {
      if (started) return run();
      started = true;
      return retryWhileBusy(run);
    };
    return {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: (query: SqlQuery) => statement(() => tx.queryRaw(query)),
      executeRaw: (query: SqlQuery) => statement(() => tx.executeRaw(query)),
      commit: finish(() => tx.commit()),
      rollback: finish(() => tx.rollback()),
      createSavepoint: tx.createSavepoint && ((name: string) => tx.createSavepoint!(name)),
      rollbackToSavepoint: tx.rollbackToSavepoint && ((name: string) => tx.rollbackToSavepoint!(name)),
      releaseSavepoint: tx.releaseSavepoint && ((name: string) => tx.releaseSavepoint!(name)),
    };
  }

  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => outsideTransactions(() => adapter.queryRaw(query)),
    executeRaw: (query) => outsideTransactions(() => adapter.executeRaw(query)),
    executeScript: (script) => outsideTransactions(() => adapter.executeScript(script)),
    startTransaction,
    getConnectionInfo: adapter.getConnectionInfo && (() => adapter.getConnectionInfo!()),
    dispose: () => adapter.dispose(),
  };
}

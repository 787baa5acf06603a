import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

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
    while (openTransaction) await openTransaction;
    return run();
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
    return {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: (query: SqlQuery) => tx.queryRaw(query),
      executeRaw: (query: SqlQuery) => tx.executeRaw(query),
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

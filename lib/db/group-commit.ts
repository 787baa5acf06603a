interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the items submitted in one event-loop turn are written by one call of
 * `writeGroup` (one statement or transaction: one fsync on SQLite, one round trip on PostgreSQL)
 * rather than one each. `submit` settles when the group's write has committed, with this item's
 * result. `writeGroup` must be all or nothing; when it fails, each item is written again alone, so
 * one bad item fails only its own request.
 */
export class GroupCommit<Item, Result> {
  #queue: Pending<Item, Result>[] = [];
  #scheduled = false;

  /** `writeGroup` returns one result per item, in the items' order. */
  constructor(
    private readonly writeGroup: (items: Item[]) => Promise<Result[]>,
    private readonly maxGroup: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0) {
      this.#write(this.#queue.splice(0, this.maxGroup));
    }
  }

  #write(group: Pending<Item, Result>[]): void {
    this.writeGroup(group.map((pending) => pending.item)).then(
      (results) => group.forEach((pending, i) => pending.resolve(results[i] as Result)),
      (error: unknown) => {
        if (group.length > 1) group.forEach((pending) => this.#write([pending]));
        else group[0]?.reject(error);
      },
    );
  }
}

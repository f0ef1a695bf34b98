/**
 * Keeps the submissions of one KV cache in call order: each operation may
 * prepare (compile pipelines) concurrently with earlier ones, but its step
 * (checks against the cache length, encode, submit) starts only after every
 * earlier operation's step has finished, failed or not.
 */
export class Turns {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Takes the next turn now: `ready` resolves when every earlier turn has
   * finished; later turns wait until `release` is called.
   */
  hold(): { ready: Promise<void>; release: () => void } {
    const previous = this.#tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.#tail = previous.then(() => mine);
    return { ready: previous, release };
  }

  /** Runs `prepare`, then waits for the earlier turns, then runs `step`. */
  run<P, T>(prepare: () => Promise<P>, step: (prepared: P) => Promise<T> | T): Promise<T> {
    const previous = this.#tail;
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => (finish = resolve));
    this.#tail = previous.then(() => mine);
    return (async () => {
      try {
        const prepared = await prepare();
        await previous;
        return await step(prepared);
      } finally {
        finish();
      }
    })();
  }
}

/** What both KV caches (WebGPU and the CPU fallback) share: dims, fill state, liveness. */

import {
  type AppendPlan,
  CACHE_DESTROYED,
  type CacheDims,
  type CacheRopeState,
  checkAppendFits,
  EMPTY_ROPE_STATE,
  nextRopeState,
  OWNER_GONE,
} from "./_kv_plan.ts";

/** A reserved run of slots: where an append writes, and how to record it once written. */
export interface Reservation {
  /**
   * The token index of the append's first token (the cache length before
   * it); token j lives in slot j % slots.
   */
  readonly slot: number;
  /**
   * Leading tokens of the append that are not written: on a window cache,
   * those the append's own later tokens would overwrite at once.
   */
  readonly skip: number;
  /** Marks the slots filled and takes the append's rotation as the cache's. */
  commit(): void;
}

/** The bookkeeping of a KvCache; each backend adds its storage and the copies. */
export abstract class KvCacheBase {
  readonly owner: object;
  readonly batch: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly maxLength: number;
  readonly window: number | null;
  /** Slots stored per (batch, KV head); token j lives in slot j % slots. */
  readonly slots: number;
  readonly #ownerAlive: () => boolean;
  #length = 0;
  #ropeState: CacheRopeState = EMPTY_ROPE_STATE;
  #destroyed = false;

  constructor(owner: object, ownerAlive: () => boolean, dims: CacheDims) {
    this.owner = owner;
    this.#ownerAlive = ownerAlive;
    this.batch = dims.batch;
    this.kvHeads = dims.kvHeads;
    this.headDim = dims.headDim;
    this.maxLength = dims.maxLength;
    this.window = dims.window;
    this.slots = dims.slots;
  }

  /**
   * The tokens the storage holds now, in order: `count` tokens from token
   * index `first` (all of them for a plain cache; the last `slots` for a ring).
   */
  held(): { first: number; count: number } {
    const count = Math.min(this.#length, this.slots);
    return { first: this.#length - count, count };
  }

  get length(): number {
    return this.#length;
  }

  get destroyed(): boolean {
    return this.#destroyed || !this.#ownerAlive();
  }

  /** Key-rotation state, for decode's checks. */
  get ropeState(): CacheRopeState {
    return this.#ropeState;
  }

  /** Throws if the cache or its owner is gone. */
  live(): void {
    if (this.#destroyed) throw new Error(CACHE_DESTROYED);
    if (!this.#ownerAlive()) throw new Error(OWNER_GONE);
  }

  /**
   * Checks that an append fits and rotates like what is cached, before any
   * write; the append commits after its write.
   */
  protected reserve(plan: AppendPlan): Reservation {
    checkAppendFits(this, this.#length, plan);
    const next = nextRopeState(this.#ropeState, plan);
    const slot = this.#length;
    return {
      slot,
      skip: Math.max(0, plan.n - this.slots),
      commit: () => {
        this.#length = slot + plan.n;
        this.#ropeState = next;
      },
    };
  }

  /**
   * The fill state now, and a function that puts it back (a recording that
   * failed after its appends reserved their slots).
   */
  snapshot(): () => void {
    const length = this.#length;
    const ropeState = this.#ropeState;
    return () => {
      this.#length = length;
      this.#ropeState = ropeState;
    };
  }

  /** Forgets the cached tokens (the storage stays). */
  protected clear(): void {
    this.#length = 0;
    this.#ropeState = EMPTY_ROPE_STATE;
  }

  /** Marks the cache destroyed; false when it already was. */
  protected markDestroyed(): boolean {
    if (this.#destroyed) return false;
    this.#destroyed = true;
    return true;
  }
}

/** Checks that a value is a live cache of this owner. */
export function checkCache<C extends { owner: object; destroyed: boolean }>(
  value: unknown,
  owner: object,
  kind: abstract new (...args: never[]) => C,
): C {
  if (!(value instanceof kind)) {
    throw new TypeError(
      "Invalid cache: expected a KvCache from createKvCache() of this GpuAttention",
    );
  }
  if (value.owner !== owner) {
    throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");
  }
  if (value.destroyed) {
    throw new Error("Invalid cache: this KvCache was destroyed");
  }
  return value;
}

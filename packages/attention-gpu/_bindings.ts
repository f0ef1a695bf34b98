/**
 * Uniform blocks and bind groups without per-call allocations.
 *
 * While a frame is open (one command buffer being built and submitted, see
 * `GpuContext.submitting`), each dispatch's uniform block is packed into a
 * host mirror of a few long-lived uniform buffers (the arena) at the next
 * aligned offset, and the mirror is written to the arena with one
 * `writeBuffer` per page just before the submission. Offsets restart at 0
 * with every frame: `writeBuffer` is ordered with `submit` on the queue, so
 * the work already submitted reads the blocks it was submitted with.
 *
 * Because a frame of the same calls lands at the same offsets, the bind
 * group of a dispatch (pipeline, arena offset, buffers and their windows)
 * repeats from frame to frame and is cached. The cache is a chain of
 * WeakMaps keyed by the pipeline and each bound buffer, so an entry lives
 * only as long as every object it binds: the cache never keeps a buffer the
 * caller dropped alive.
 */

import type {
  BindingResources,
  KernelLayout,
  UniformType,
  UniformValues,
} from "./_kernel_layout.ts";

/** Bytes per arena buffer (its uniform blocks never straddle two). */
const PAGE_BYTES = 64 * 1024;

const UNIFORM_USAGE = 0x40 | 0x08; // UNIFORM | COPY_DST

interface Node {
  readonly next: WeakMap<object, Node>;
  groups: Map<string, GPUBindGroup> | null;
}

function node(): Node {
  return { next: new WeakMap(), groups: null };
}

/** The arena, the frame state and the bind-group cache of one device. */
export class Bindings {
  readonly #device: GPUDevice;
  readonly #alignment: number;
  readonly #pages: GPUBuffer[] = [];
  #mirror = new ArrayBuffer(PAGE_BYTES);
  #view = new DataView(this.#mirror);
  readonly #root = node();
  readonly #groupLayouts = new WeakMap<GPUComputePipeline, GPUBindGroupLayout>();
  /** Next free byte of the frame (over all pages), or -1 outside a frame. */
  #cursor = -1;
  /** Bytes of the frame already written to the arena. */
  #flushed = 0;
  #created = 0;

  constructor(device: GPUDevice) {
    this.#device = device;
    this.#alignment = Math.max(16, device.limits.minUniformBufferOffsetAlignment ?? 256);
  }

  /** Whether a frame is open. */
  get open(): boolean {
    return this.#cursor >= 0;
  }

  /** Bind groups created so far (cache misses), for tests. */
  get created(): number {
    return this.#created;
  }

  /** Opens a frame: its uniform blocks start at offset 0. */
  begin(): void {
    if (this.#cursor >= 0) throw new Error("Internal error: a frame is already open");
    this.#cursor = 0;
    this.#flushed = 0;
  }

  /**
   * Closes the frame. Throws when blocks were packed but never written
   * (a job built in a frame must be submitted in it), unless `aborted`.
   */
  end(aborted: boolean): void {
    const unwritten = this.#cursor > this.#flushed;
    this.#cursor = -1;
    if (unwritten && !aborted) {
      throw new Error("Internal error: a frame packed uniform blocks it did not submit");
    }
  }

  /** Writes the frame's blocks packed since the last flush to the arena. */
  flush(): void {
    if (this.#cursor < 0) return;
    const queue = this.#device.queue;
    let at = this.#flushed;
    while (at < this.#cursor) {
      const page = Math.floor(at / PAGE_BYTES);
      const end = Math.min(this.#cursor, (page + 1) * PAGE_BYTES);
      queue.writeBuffer(this.#pages[page]!, at - page * PAGE_BYTES, this.#mirror, at, end - at);
      at = end;
    }
    this.#flushed = this.#cursor;
  }

  /** The bind-group layout of a pipeline (asked of WebGPU once). */
  groupLayout(pipeline: GPUComputePipeline): GPUBindGroupLayout {
    let layout = this.#groupLayouts.get(pipeline);
    if (!layout) {
      layout = pipeline.getBindGroupLayout(0);
      this.#groupLayouts.set(pipeline, layout);
    }
    return layout;
  }

  /**
   * The bind group of one dispatch in the open frame: `values` packed into
   * the arena, `resources` bound where the layout declares them.
   */
  bind<U extends Readonly<Record<string, UniformType>>, B extends string>(
    pipeline: GPUComputePipeline,
    layout: KernelLayout<U, B>,
    values: UniformValues<U>,
    resources: Omit<BindingResources<B>, "params">,
  ): GPUBindGroup {
    const size = layout.uniformBytes;
    if (size > PAGE_BYTES) {
      throw new Error(
        `Internal error: the uniform block of ${layout.name} is over ${PAGE_BYTES} bytes`,
      );
    }
    let at = Math.ceil(this.#cursor / this.#alignment) * this.#alignment;
    if (Math.floor(at / PAGE_BYTES) !== Math.floor((at + size - 1) / PAGE_BYTES)) {
      at = Math.ceil(at / PAGE_BYTES) * PAGE_BYTES;
    }
    const pageIndex = Math.floor(at / PAGE_BYTES);
    this.#reserve(pageIndex);
    layout.packInto(values, this.#view, at);
    this.#cursor = at + size;
    const page = this.#pages[pageIndex]!;
    const offset = at - pageIndex * PAGE_BYTES;

    // The chain: pipeline, arena page, then each bound buffer in binding order.
    let n = this.#step(this.#step(this.#root, pipeline), page);
    let key = `${offset}`;
    const bound = resources as Readonly<Record<string, GPUBufferBinding | undefined>>;
    for (const name of layout.bindingNames) {
      if (name === "params") continue;
      const r = bound[name];
      if (!r) continue; // layout.entries names the missing binding below
      n = this.#step(n, r.buffer);
      key += `|${r.offset ?? 0}:${r.size ?? -1}`;
    }
    n.groups ??= new Map();
    let group = n.groups.get(key);
    if (!group) {
      group = this.#device.createBindGroup({
        label: layout.name,
        layout: this.groupLayout(pipeline),
        entries: layout.entries({ ...resources, params: { buffer: page, offset, size } }),
      });
      this.#created++;
      n.groups.set(key, group);
    }
    return group;
  }

  /** Frees the arena. */
  destroy(): void {
    for (const page of this.#pages) page.destroy();
    this.#pages.length = 0;
  }

  #step(from: Node, key: object): Node {
    let next = from.next.get(key);
    if (!next) {
      next = node();
      from.next.set(key, next);
    }
    return next;
  }

  #reserve(pageIndex: number): void {
    while (this.#pages.length <= pageIndex) {
      this.#pages.push(this.#device.createBuffer({
        size: PAGE_BYTES,
        usage: UNIFORM_USAGE,
        label: "uniform arena",
      }));
    }
    const bytes = (pageIndex + 1) * PAGE_BYTES;
    if (this.#mirror.byteLength < bytes) {
      const grown = new ArrayBuffer(Math.max(bytes, 2 * this.#mirror.byteLength));
      new Uint8Array(grown).set(new Uint8Array(this.#mirror));
      this.#mirror = grown;
      this.#view = new DataView(grown);
    }
  }
}

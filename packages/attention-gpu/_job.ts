/** What a kernel launcher hands the context to encode: dispatches and the buffers to free after them. */

/** One compute dispatch, ready to encode. */
export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly grid: readonly [number, number, number];
}

/** Dispatches to encode in order in one compute pass, and the buffers to free after them. */
export interface Job {
  readonly dispatches: Dispatch[];
  readonly temps: GPUBuffer[];
}

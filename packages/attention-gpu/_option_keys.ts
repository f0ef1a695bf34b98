/**
 * The keys of every public options object of the package, for the
 * unknown-key check (`checkOptions`): each record is an `OptionKeys` of its
 * options type, so the compiler proves it lists every key of the type.
 */

import type { OptionKeys } from "@posenc/tensor/validate";
import type { AttentionOptions, AttentionRopeOptions } from "./attention_options.ts";
import type {
  GpuAttentionCallOptions,
  GpuProfileOptions,
  GpuRopeOptions,
  GpuUploadOptions,
} from "./gpu_call_options.ts";
import type { GpuAttentionOptions, GpuLimitCaps } from "./gpu_setup.ts";
import type {
  DecodeRopeOptions,
  GpuDecodeOptions,
  GpuDecodeProfileOptions,
  KvAppendOptions,
  KvCacheOptions,
  KvRopeOptions,
} from "./kv_cache.ts";

/** Every key of {@linkcode AttentionOptions}, for the unknown-key check. */
export const ATTENTION_OPTION_KEYS: OptionKeys<AttentionOptions> = Object.freeze({
  layout: true,
  causal: true,
  scale: true,
  rope: true,
  alibiSlopes: true,
  slidingWindow: true,
  sinks: true,
  softcap: true,
  leftPadding: true,
  bias: true,
});

/** Every key of {@linkcode AttentionRopeOptions}. */
export const ATTENTION_ROPE_KEYS: OptionKeys<AttentionRopeOptions> = Object.freeze({
  frequencies: true,
  cache: true,
  pairing: true,
  rotaryDim: true,
  positions: true,
  queryPositions: true,
  offset: true,
  angles: true,
});

/** Every key of {@linkcode KvCacheOptions}. */
export const CACHE_OPTION_KEYS: OptionKeys<KvCacheOptions> = Object.freeze({
  batch: true,
  kvHeads: true,
  headDim: true,
  maxLength: true,
  window: true,
  precision: true,
});

/** Every key of {@linkcode KvAppendOptions}. */
export const APPEND_OPTION_KEYS: OptionKeys<KvAppendOptions> = Object.freeze({
  layout: true,
  rope: true,
});

/** Every key of {@linkcode KvRopeOptions}. */
export const APPEND_ROPE_KEYS: OptionKeys<KvRopeOptions> = Object.freeze({
  frequencies: true,
  cache: true,
  pairing: true,
  rotaryDim: true,
  angles: true,
  positions: true,
});

/** Every key of {@linkcode DecodeRopeOptions}. */
export const DECODE_ROPE_KEYS: OptionKeys<DecodeRopeOptions> = Object.freeze({
  frequencies: true,
  cache: true,
  pairing: true,
  rotaryDim: true,
  angles: true,
});

/** Every key of {@linkcode GpuDecodeOptions}. */
export const DECODE_OPTION_KEYS: OptionKeys<GpuDecodeOptions> = Object.freeze({
  layout: true,
  scale: true,
  rope: true,
  queryPositions: true,
  alibiSlopes: true,
  slidingWindow: true,
  sinks: true,
  softcap: true,
  leftPadding: true,
  bias: true,
  splits: true,
  kernel: true,
});

/** Every key of {@linkcode GpuAttentionCallOptions}. */
export const CALL_OPTION_KEYS: OptionKeys<GpuAttentionCallOptions> = Object.freeze({
  ...ATTENTION_OPTION_KEYS,
  precision: true,
  kernel: true,
});

/** Every key of {@linkcode GpuProfileOptions}. */
export const PROFILE_OPTION_KEYS: OptionKeys<GpuProfileOptions> = Object.freeze({
  ...CALL_OPTION_KEYS,
  iterations: true,
  warmup: true,
});

/** Every key of {@linkcode GpuDecodeProfileOptions}. */
export const DECODE_PROFILE_OPTION_KEYS: OptionKeys<GpuDecodeProfileOptions> = Object.freeze({
  ...DECODE_OPTION_KEYS,
  iterations: true,
  warmup: true,
});

/** Every key of {@linkcode GpuUploadOptions}. */
export const UPLOAD_OPTION_KEYS: OptionKeys<GpuUploadOptions> = Object.freeze({ precision: true });

/** Every key of {@linkcode GpuRopeOptions}. */
export const GPU_ROPE_KEYS: OptionKeys<GpuRopeOptions> = Object.freeze({
  layout: true,
  pairing: true,
  rotaryDim: true,
  positions: true,
  offset: true,
  inPlace: true,
  angles: true,
});

/** Every key of {@linkcode GpuAttentionOptions}. */
export const CREATE_OPTION_KEYS: OptionKeys<GpuAttentionOptions> = Object.freeze({
  device: true,
  adapter: true,
  fallback: true,
  limits: true,
  decodeWorkgroups: true,
  threads: true,
});

/** Every key of {@linkcode GpuLimitCaps}. */
export const LIMIT_KEYS: OptionKeys<GpuLimitCaps> = Object.freeze({
  maxStorageBufferBindingSize: true,
  maxComputeWorkgroupStorageSize: true,
  maxComputeWorkgroupsPerDimension: true,
});

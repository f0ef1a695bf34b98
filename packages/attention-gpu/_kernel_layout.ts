/**
 * One declaration per kernel of its uniforms and bindings. From one record,
 * a {@linkcode KernelLayout} emits the WGSL `struct Params` and every
 * `@group(0) @binding(n)` line, packs the uniform values and lists the bind
 * group's entries, so the WGSL text and the host code cannot disagree on a
 * field's offset or a binding's number; a missing or unknown field or
 * binding is an Error, never a silent 0.
 *
 * Layout: every uniform is a 4-byte scalar (u32, i32 or f32), so field i
 * sits at byte 4 * i, in declaration order; the block is padded to a
 * multiple of 16 bytes (the uniform buffer's size granularity). Binding 0 is
 * the uniform block (`P`), named `params`; storage bindings follow from 1 in
 * declaration order, skipping the ones declared `null` (a kernel variant
 * without that input).
 */

/** The WGSL scalar type of one uniform field (each one 4-byte word). */
export type UniformType = "u32" | "i32" | "f32";

/** A storage buffer a kernel binds. */
export interface StorageBinding {
  /** The WGSL variable name, e.g. `Q`. */
  readonly variable: string;
  /** `"read"`, or `"read_write"` for outputs. */
  readonly access: "read" | "read_write";
  /** The WGSL type, e.g. `array<vec4<f32>>`. */
  readonly type: string;
}

/** Everything a kernel binds: its uniform fields and storage buffers, each in order. */
export interface KernelLayoutSpec<
  U extends Readonly<Record<string, UniformType>>,
  B extends string,
> {
  /** The kernel's name, for error messages. */
  readonly name: string;
  /** Uniform fields in struct order. */
  readonly uniforms: U;
  /** Storage bindings in binding order (from 1); `null` for one this variant leaves out. */
  readonly bindings: { readonly [name in B]: StorageBinding | null };
}

/** Values of every uniform field of a layout. */
export type UniformValues<U> = { readonly [field in keyof U]: number };

/** The resources of every binding of a layout, the uniform block (`params`) included. */
export type BindingResources<B extends string> = {
  readonly [name in B | "params"]?: GPUBufferBinding;
};

const MAX_U32 = 0xffffffff;

/** Field names and types per uniforms record (kernels reuse one record for every layout). */
const FIELDS = new WeakMap<object, { names: string[]; types: UniformType[] }>();

/** A storage binding the kernel only reads. */
export function readOnly(variable: string, type: string): StorageBinding {
  return { variable, access: "read", type };
}

/** A storage binding the kernel writes. */
export function readWrite(variable: string, type: string): StorageBinding {
  return { variable, access: "read_write", type };
}

/** A kernel's uniforms and bindings, declared once. */
export class KernelLayout<U extends Readonly<Record<string, UniformType>>, B extends string> {
  readonly name: string;
  /** Uniform field names in struct order. */
  readonly fields: readonly (keyof U & string)[];
  /** Binding names in binding-number order: `params` first, then the declared storage buffers. */
  readonly bindingNames: readonly ("params" | B)[];
  /** Bytes of the packed uniform block (a multiple of 16). */
  readonly uniformBytes: number;
  readonly #types: U;
  /** The field types in struct order (what packInto reads per call). */
  readonly #typeList: readonly UniformType[];
  readonly #spec: KernelLayoutSpec<U, B>;
  #wgsl: string | null = null;

  constructor(spec: KernelLayoutSpec<U, B>) {
    this.name = spec.name;
    this.#types = spec.uniforms;
    // Kernels declare their uniforms once (a module constant) and build layouts per call.
    let fields = FIELDS.get(spec.uniforms);
    if (!fields) {
      const names = Object.keys(spec.uniforms);
      fields = { names, types: names.map((f) => spec.uniforms[f] as UniformType) };
      FIELDS.set(spec.uniforms, fields);
    }
    this.fields = fields.names as (keyof U & string)[];
    if (this.fields.length === 0) {
      throw new Error(`Internal error: kernel ${spec.name} declares no uniform`);
    }
    const names: ("params" | B)[] = ["params"];
    for (const name in spec.bindings) if (spec.bindings[name] !== null) names.push(name);
    this.bindingNames = names;
    this.uniformBytes = Math.ceil((this.fields.length * 4) / 16) * 16;
    this.#typeList = fields.types;
    this.#spec = spec;
  }

  /**
   * The WGSL declarations: `struct Params`, then one `@group(0) @binding(n)`
   * line per binding (built on first use: dispatches only pack and bind).
   */
  get wgsl(): string {
    if (this.#wgsl === null) {
      const spec = this.#spec;
      const struct = this.fields.map((f) => `  ${f}: ${spec.uniforms[f]},`).join("\n");
      const storage = (Object.values(spec.bindings) as (StorageBinding | null)[])
        .filter((b): b is StorageBinding => b !== null);
      const lines = storage.map((b, i) =>
        `@group(0) @binding(${i + 1}) var<storage, ${b.access}> ${b.variable}: ${b.type};`
      );
      this.#wgsl = `struct Params {\n${struct}\n}\n` +
        `@group(0) @binding(0) var<uniform> P: Params;\n${lines.join("\n")}\n`;
    }
    return this.#wgsl;
  }

  /** The binding number of a declared binding. */
  binding(name: "params" | B): number {
    const index = this.bindingNames.indexOf(name);
    if (index < 0) {
      throw new Error(`Internal error: kernel ${this.name} declares no binding ${name}`);
    }
    return index;
  }

  /**
   * The uniform block holding `values`, little-endian at the declared
   * offsets. Throws on a missing or unknown field, or a value its type cannot hold.
   */
  pack(values: UniformValues<U>): ArrayBuffer {
    const bytes = new ArrayBuffer(this.uniformBytes);
    this.packInto(values, new DataView(bytes), 0);
    return bytes;
  }

  /**
   * Packs `values` into `view` at `byteOffset` (the block's first
   * `fields.length * 4` bytes), with the checks of {@linkcode KernelLayout.pack}.
   */
  packInto(values: UniformValues<U>, view: DataView, byteOffset: number): void {
    const record = values as Readonly<Record<string, number | undefined>>;
    let count = 0;
    for (const _ in record) count++;
    const fields = this.fields;
    if (count !== fields.length) this.#unknownField(record);
    const types = this.#typeList;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const value = record[field];
      if (value === undefined) {
        if (!Object.hasOwn(record, field)) this.#unknownField(record);
        throw new Error(`Internal error: uniform ${field} of kernel ${this.name} is missing`);
      }
      const at = byteOffset + i * 4;
      const type = types[i]!;
      if (type === "f32") {
        if (!Number.isFinite(value)) throw this.#misfit(field, value, "a finite f32");
        view.setFloat32(at, value, true);
      } else if (type === "i32") {
        if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
          throw this.#misfit(field, value, "a signed 32-bit integer");
        }
        view.setInt32(at, value, true);
      } else {
        if (!Number.isInteger(value) || value < 0 || value > MAX_U32) {
          throw this.#misfit(field, value, "an unsigned 32-bit integer");
        }
        view.setUint32(at, value, true);
      }
    }
  }

  #unknownField(record: Readonly<Record<string, unknown>>): void {
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(this.#types, key)) {
        throw new Error(`Internal error: kernel ${this.name} has no uniform ${key}`);
      }
    }
    const missing = this.fields.find((f) => record[f] === undefined);
    throw new Error(`Internal error: uniform ${missing} of kernel ${this.name} is missing`);
  }

  #misfit(field: string, value: number, expected: string): RangeError {
    return new RangeError(
      `Internal error: uniform ${field} = ${value} of kernel ${this.name} does not fit ${expected}`,
    );
  }

  /**
   * The bind group entries of one dispatch, in binding order. Throws when a
   * declared binding has no resource or a resource names no declared binding.
   */
  entries(resources: BindingResources<B>): GPUBindGroupEntry[] {
    for (const key of Object.keys(resources)) {
      if (!(this.bindingNames as readonly string[]).includes(key)) {
        throw new Error(`Internal error: kernel ${this.name} declares no binding ${key}`);
      }
    }
    return this.bindingNames.map((name, binding) => {
      const resource = resources[name];
      if (!resource) {
        throw new Error(`Internal error: binding ${name} of kernel ${this.name} is missing`);
      }
      return { binding, resource };
    });
  }
}

/** Declares a kernel's uniforms and bindings; see {@linkcode KernelLayout}. */
export function kernelLayout<
  const U extends Readonly<Record<string, UniformType>>,
  B extends string,
>(spec: KernelLayoutSpec<U, B>): KernelLayout<U, B> {
  return new KernelLayout(spec);
}

/**
 * Builds tiny ONNX models in memory, so the benches need no binary model file
 * in git and no protobuf dependency: only the handful of ModelProto fields a
 * one-node graph uses are written, with their field numbers from onnx.proto.
 *
 * @module
 */

/** ONNX TensorProto.DataType values the benches use. */
export const ONNX_FLOAT = 1;
/** ONNX TensorProto.DataType INT64. */
export const ONNX_INT64 = 7;

/** A graph input or output: name, element type and shape (a string is a symbolic dim). */
export interface OnnxValue {
  name: string;
  type: typeof ONNX_FLOAT | typeof ONNX_INT64;
  shape: readonly (number | string)[];
}

/** A constant tensor stored in the model (float32 only: the caches and scales). */
export interface OnnxInitializer {
  name: string;
  shape: readonly number[];
  data: Float32Array;
}

/** One node's attribute: an integer or a float. */
export type OnnxAttribute = { name: string; int: number } | { name: string; float: number };

/** A one-node graph and the operator set it binds against. */
export interface OnnxNodeModel {
  opType: string;
  /** "" for the default ai.onnx domain, "com.microsoft" for ORT's contrib ops. */
  domain: string;
  opsetVersion: number;
  /** Node input names in operator order; "" leaves an optional input out. */
  nodeInputs: readonly string[];
  nodeOutputs: readonly string[];
  attributes: readonly OnnxAttribute[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  initializers?: readonly OnnxInitializer[];
  /** ModelProto.ir_version; 11 is the first that knows opset 23. */
  irVersion?: number;
}

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;
const encoder = new TextEncoder();

/** Appends protobuf fields to a growing byte list. */
class ProtoWriter {
  #bytes: number[] = [];

  varint(value: number): void {
    // ONNX's int64 fields only ever hold small non-negative numbers here.
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`Invalid varint: expected a non-negative safe integer, got ${value}`);
    }
    let v = value;
    while (v >= 0x80) {
      this.#bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.#bytes.push(v);
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  int(field: number, value: number): void {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.tag(field, WIRE_FIXED32);
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    this.#bytes.push(...buf);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, WIRE_BYTES);
    this.varint(value.length);
    for (let i = 0; i < value.length; i++) this.#bytes.push(value[i]!);
  }

  string(field: number, value: string): void {
    this.bytes(field, encoder.encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    build(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

function writeValueInfo(w: ProtoWriter, value: OnnxValue): void {
  w.string(1, value.name); // ValueInfoProto.name
  w.message(2, (type) => { // ValueInfoProto.type: TypeProto
    type.message(1, (tensor) => { // TypeProto.tensor_type
      tensor.int(1, value.type); // elem_type
      tensor.message(2, (shape) => { // shape: TensorShapeProto
        for (const d of value.shape) {
          shape.message(1, (dim) => { // dim: Dimension
            if (typeof d === "number") dim.int(1, d); // dim_value
            else dim.string(2, d); // dim_param
          });
        }
      });
    });
  });
}

function writeInitializer(w: ProtoWriter, init: OnnxInitializer): void {
  for (const d of init.shape) w.int(1, d); // TensorProto.dims
  w.int(2, ONNX_FLOAT); // data_type
  w.string(8, init.name); // name
  // raw_data is little-endian, which every platform ORT ships for is.
  w.bytes(9, new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength));
}

/**
 * Serialises a one-node ONNX model (IR version 11 unless given) to the bytes
 * `InferenceSession.create` accepts.
 *
 * @param model The node, its attributes, the graph inputs/outputs and constants.
 * @returns The ModelProto bytes.
 */
export function encodeNodeModel(model: OnnxNodeModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion ?? 11); // ModelProto.ir_version (11 = opset 23)
  w.string(2, "posenc-bench"); // producer_name
  w.message(7, (graph) => { // graph
    graph.message(1, (node) => { // GraphProto.node
      for (const name of model.nodeInputs) node.string(1, name);
      for (const name of model.nodeOutputs) node.string(2, name);
      node.string(3, model.opType.toLowerCase()); // name
      node.string(4, model.opType); // op_type
      for (const attr of model.attributes) {
        node.message(5, (a) => { // attribute
          a.string(1, attr.name);
          if ("int" in attr) {
            a.int(20, 2); // type INT
            a.int(3, attr.int);
          } else {
            a.int(20, 1); // type FLOAT
            a.float(2, attr.float);
          }
        });
      }
      if (model.domain !== "") node.string(7, model.domain);
    });
    graph.string(2, `${model.opType}_graph`);
    for (const init of model.initializers ?? []) graph.message(5, (t) => writeInitializer(t, init));
    for (const input of model.inputs) graph.message(11, (v) => writeValueInfo(v, input));
    for (const output of model.outputs) graph.message(12, (v) => writeValueInfo(v, output));
  });
  w.message(8, (opset) => { // opset_import
    opset.string(1, model.domain);
    opset.int(2, model.opsetVersion);
  });
  if (model.domain !== "") {
    // Contrib ops still need the default domain imported.
    w.message(8, (opset) => {
      opset.string(1, "");
      opset.int(2, 21);
    });
  }
  return w.finish();
}

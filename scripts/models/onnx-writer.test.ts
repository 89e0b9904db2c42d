import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { attr, attributeProto, encodeModel, tensorProto, valueInfoProto } from './onnx-writer';
import { encodeVarint, ProtoWriter } from './protobuf';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('protobuf wire format', () => {
  it('encodes varints', () => {
    expect(hex(encodeVarint(0))).toBe('00');
    expect(hex(encodeVarint(127))).toBe('7f');
    expect(hex(encodeVarint(128))).toBe('8001');
    expect(hex(encodeVarint(300))).toBe('ac02');
    // Negative int64: ten bytes of two's complement.
    expect(hex(encodeVarint(-1))).toBe('ffffffffffffffffff01');
    expect(() => encodeVarint(0.5)).toThrow(RangeError);
  });

  it('encodes fields as in the protobuf encoding guide', () => {
    // Field 1 = 150 is the guide's example: 08 96 01. Field 2 = "testing": 12 07 74 65 73 74 69 6e 67.
    expect(hex(new ProtoWriter().varint(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    // Field 2 float 1.0: tag (2<<3)|5 = 0x15, then IEEE 754 little-endian.
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
    // An embedded message is a length-delimited field holding the inner bytes.
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).finish())).toBe('1a03089601');
  });
});

describe('ONNX messages', () => {
  it('encodes an ints attribute: name, unpacked ints (field 8), type INTS (field 20 = 7)', () => {
    expect(hex(attributeProto('k', attr.ints([1, 2])).finish())).toBe('0a016b' + '4001' + '4002' + 'a00107');
  });

  it('encodes a float tensor: dims, data_type FLOAT, name, raw_data little-endian', () => {
    const t = tensorProto({ name: 't', dims: [2], type: 'float32', data: Float32Array.from([1, -2]) }).finish();
    expect(hex(t)).toBe('0802' + '1001' + '420174' + '4a08' + '0000803f' + '000000c0');
    expect(() => tensorProto({ name: 'bad', dims: [3], type: 'float32', data: new Float32Array(2) })).toThrow();
  });

  it('encodes a value info with a symbolic and a fixed dimension', () => {
    const v = valueInfoProto({ name: 'x', type: 'float32', shape: ['N', 3] }).finish();
    // name | type { tensor_type { elem_type 1, shape { dim { dim_param "N" }, dim { dim_value 3 } } } }
    expect(hex(v)).toBe('0a0178' + '120f' + '0a0d' + '0801' + '1209' + '0a0312014e' + '0a020803');
  });

  it('produces a model onnxruntime runs: y = Relu(x + c)', async () => {
    const bytes = encodeModel({
      irVersion: 7,
      opsetVersion: 13,
      producerName: 'test',
      producerVersion: '1',
      graph: {
        name: 'g',
        nodes: [
          { opType: 'Add', inputs: ['x', 'c'], outputs: ['s'], name: 'add' },
          { opType: 'Relu', inputs: ['s'], outputs: ['y'], name: 'relu' },
        ],
        initializers: [{ name: 'c', dims: [3], type: 'float32', data: Float32Array.from([1, -1, 0.5]) }],
        inputs: [{ name: 'x', type: 'float32', shape: ['N', 3] }],
        outputs: [{ name: 'y', type: 'float32', shape: ['N', 3] }],
      },
    });
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([0, 0, -1, 2, 3, 4]), [2, 3]) });
    expect(Array.from(out.y?.data as Float32Array)).toEqual([1, 0, 0, 3, 2, 4.5]);
    await session.release();
  });
});

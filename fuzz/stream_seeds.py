#!/usr/bin/env python3
"""Seeds for the stream fuzz targets, cut out of real models (docs/fuzzing.md).

Usage: fuzz/stream_seeds.py draco|meshopt OUT_DIR FILE.glb...

For `draco`, each primitive's KHR_draco_mesh_compression buffer view becomes one seed,
behind the three bytes `draco_stream` reads first (which attributes and indices the
primitive has, and its vertex count). For `meshopt`, each EXT_meshopt_compression buffer
view becomes one seed, behind the four bytes `meshopt_stream` reads first (mode and
filter, count, stride). Files that are not GLB, or hold no such stream, give no seed.
"""
import json
import struct
import sys
from pathlib import Path

MODES = ["ATTRIBUTES", "TRIANGLES", "INDICES"]
FILTERS = ["NONE", "OCTAHEDRAL", "QUATERNION", "EXPONENTIAL"]


def read_glb(path):
    """The JSON document and binary chunk of a GLB, or None."""
    data = path.read_bytes()
    if len(data) < 20 or data[:4] != b"glTF":
        return None
    doc, binary, at = None, b"", 12
    while at + 8 <= len(data):
        length, kind = struct.unpack_from("<II", data, at)
        chunk = data[at + 8 : at + 8 + length]
        if kind == 0x4E4F534A:
            doc = json.loads(chunk)
        elif kind == 0x004E4942:
            binary = chunk
        at += 8 + length
    return (doc, binary) if doc is not None else None


def view_bytes(doc, binary, view):
    start = view.get("byteOffset", 0)
    return binary[start : start + view["byteLength"]]


def draco_seeds(doc, binary):
    for mesh in doc.get("meshes", []):
        for primitive in mesh.get("primitives", []):
            draco = primitive.get("extensions", {}).get("KHR_draco_mesh_compression")
            if draco is None:
                continue
            attributes = primitive["attributes"]
            which = (1 if "NORMAL" in attributes else 0) | (2 if "TEXCOORD_0" in attributes else 0)
            if "indices" in primitive:
                which |= 4
                if doc["accessors"][primitive["indices"]]["componentType"] == 5125:
                    which |= 8
            count = doc["accessors"][attributes["POSITION"]]["count"] % 8192
            stream = view_bytes(doc, binary, doc["bufferViews"][draco["bufferView"]])
            yield bytes([which]) + struct.pack("<H", count) + stream


def meshopt_seeds(doc, binary):
    for view in doc.get("bufferViews", []):
        meshopt = view.get("extensions", {}).get("EXT_meshopt_compression")
        if meshopt is None or meshopt.get("buffer", 0) != 0:
            continue
        mode = MODES.index(meshopt["mode"])
        filter_ = FILTERS.index(meshopt.get("filter", "NONE"))
        stride = meshopt["byteStride"]
        stride_byte = (stride // 4 - 1) % 16 if mode == 0 else (0 if stride == 2 else 1)
        start = meshopt.get("byteOffset", 0)
        stream = binary[start : start + meshopt["byteLength"]]
        head = bytes([mode + 3 * filter_]) + struct.pack("<H", meshopt["count"] % 4096)
        yield head + bytes([stride_byte]) + stream


def main():
    kind, out, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    seeds = {"draco": draco_seeds, "meshopt": meshopt_seeds}[kind]
    out.mkdir(parents=True, exist_ok=True)
    for name in files:
        glb = read_glb(Path(name))
        if glb is None:
            continue
        for n, seed in enumerate(seeds(*glb)):
            (out / f"{Path(name).stem}-{n}").write_bytes(seed)


if __name__ == "__main__":
    main()

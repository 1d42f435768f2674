"""Material-extension scenes for the image-fidelity comparison with the glTF Sample Renderer.

Writes one scene per extension (rows of spheres with a key light) as extra models of the
pipeline in ../shared/fidelity, reusing its glTF builder. Run from the project root:

    /tmp/fidelity/venv/bin/python benches/fidelity/extension_scenes.py
    cd ../shared/fidelity && python gen_scenes.py
    FIDELITY_REF_ALL_EXT=1 node render_reference.cjs --aa 0 ext_clearcoat ...
    python render_museion.py --msaa 1 ext_clearcoat ...
    python compare.py --ref ref_noaa_allext --test museion_noaa --out out_ext ext_clearcoat ...

(the Python and node commands with FIDELITY_DIR and MUSEION as in that folder's README).
The scenes go to $FIDELITY_EXTRA (default $FIDELITY_DIR/extra_models).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "shared", "fidelity"))
import gen_scenes as g  # noqa: E402

EXTRA = os.environ.get("FIDELITY_EXTRA", os.path.join(g.ROOT, "extra_models"))


def row_scene(name, materials, extensions, backdrop=False):
    """`materials` side by side as spheres, lit by a key light, with `extensions` used."""
    b = g.Builder()
    b.ext_used.update(extensions)
    sphere = g.uv_sphere(0.45)
    count = len(materials)
    for i, m in enumerate(materials):
        b.node(mesh=b.mesh(sphere, b.material(**m)), translation=[(i - (count - 1) / 2) * 1.1, 0, 0])
    if backdrop:
        # A checker wall behind the row, for what transmissive spheres show.
        wall = g.quad(count * 1.2, 2.0)
        tex = b.image(g.checker(256, 8))
        mat = b.material(name="wall", pbrMetallicRoughness={
            "baseColorTexture": {"index": tex}, "metallicFactor": 0.0, "roughnessFactor": 0.8})
        b.node(mesh=b.mesh(wall, mat), translation=[0, 0, -1.0])
    g.key_light(b, 3.0, direction=(-0.45, -0.5, -0.74))
    path = os.path.join(EXTRA, name, name + ".gltf")
    b.write(path)
    print(path)


def pbr(color, metallic, roughness):
    return {"baseColorFactor": list(color) + [1.0], "metallicFactor": metallic, "roughnessFactor": roughness}


def main():
    red = (0.8, 0.1, 0.1)
    row_scene("ext_clearcoat", [
        {"pbrMetallicRoughness": pbr(red, 0.0, 0.7),
         "extensions": {"KHR_materials_clearcoat": {"clearcoatFactor": f, "clearcoatRoughnessFactor": r}}}
        for f, r in [(1.0, 0.0), (1.0, 0.2), (1.0, 0.5), (0.5, 0.1)]
    ], ["KHR_materials_clearcoat"])
    row_scene("ext_sheen", [
        {"pbrMetallicRoughness": pbr((0.1, 0.1, 0.15), 0.0, 0.9),
         "extensions": {"KHR_materials_sheen": {"sheenColorFactor": c, "sheenRoughnessFactor": r}}}
        for c, r in [([1, 1, 1], 0.3), ([1, 1, 1], 0.7), ([0.9, 0.3, 0.3], 0.5)]
    ], ["KHR_materials_sheen"])
    row_scene("ext_specular", [
        {"pbrMetallicRoughness": pbr((0.2, 0.3, 0.6), 0.0, 0.3),
         "extensions": ext}
        for ext in [
            {"KHR_materials_ior": {"ior": 1.0}},
            {"KHR_materials_ior": {"ior": 2.0}},
            {"KHR_materials_specular": {"specularFactor": 0.5}},
            {"KHR_materials_specular": {"specularColorFactor": [1.0, 0.4, 0.1]}},
        ]
    ], ["KHR_materials_ior", "KHR_materials_specular"])
    row_scene("ext_iridescence", [
        {"pbrMetallicRoughness": pbr(c, m, 0.2),
         "extensions": {"KHR_materials_iridescence": {
             "iridescenceFactor": 1.0, "iridescenceIor": 1.3, "iridescenceThicknessMaximum": t}}}
        for c, m, t in [((0.1, 0.1, 0.1), 0.0, 300.0), ((0.1, 0.1, 0.1), 0.0, 500.0),
                        ((0.9, 0.9, 0.9), 1.0, 400.0)]
    ], ["KHR_materials_iridescence"])
    row_scene("ext_anisotropy", [
        {"pbrMetallicRoughness": pbr((0.9, 0.9, 0.9), 1.0, 0.3),
         "extensions": {"KHR_materials_anisotropy": {"anisotropyStrength": s, "anisotropyRotation": r}}}
        for s, r in [(0.0, 0.0), (0.6, 0.0), (0.9, 1.5708)]
    ], ["KHR_materials_anisotropy"])
    row_scene("ext_transmission", [
        {"pbrMetallicRoughness": pbr(c, 0.0, r),
         "extensions": ext}
        for c, r, ext in [
            ((1, 1, 1), 0.0, {"KHR_materials_transmission": {"transmissionFactor": 1.0}}),
            ((1, 1, 1), 0.3, {"KHR_materials_transmission": {"transmissionFactor": 1.0}}),
            ((1, 1, 1), 0.0, {"KHR_materials_transmission": {"transmissionFactor": 1.0},
                              "KHR_materials_volume": {"thicknessFactor": 0.9, "attenuationDistance": 0.5,
                                                       "attenuationColor": [0.9, 0.5, 0.2]}}),
            ((1, 1, 1), 0.0, {"KHR_materials_transmission": {"transmissionFactor": 1.0},
                              "KHR_materials_volume": {"thicknessFactor": 0.9},
                              "KHR_materials_dispersion": {"dispersion": 10.0}}),
        ]
    ], ["KHR_materials_transmission", "KHR_materials_volume", "KHR_materials_dispersion"], backdrop=True)


if __name__ == "__main__":
    main()

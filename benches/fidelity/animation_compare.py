"""Animated files posed at a time, in Museion and in the glTF Sample Renderer.

`museion render FILE --animation CLIP --time T` against the Khronos glTF Sample Renderer
with the same clip paused at T: the Fox running and surveying, MorphStressTest's
"TheWave", the demo's guide and kinetic sculpture (made by the project's code, which the
reference has never seen), and a scene built here whose clip drives a material colour, a
texture transform and a light through KHR_animation_pointer. Run from the project root,
after ../shared/fidelity/setup.sh has made $FIDELITY_TOOLS (default /tmp/fidelity):

    /tmp/fidelity/venv/bin/python benches/fidelity/animation_compare.py

It writes to $FIDELITY_DIR (default /tmp/fidelity-anim): scenes (lit copies, as the
pipeline makes them), cases.json with each case's clip and time, a copy of the
pipeline's page that plays the case's clip paused at its time, the reference (ref_noaa/),
Museion's images (museion_noaa/, one sample per pixel in both; the reference reads
neither Draco nor meshopt, so compressed files are left out) and the FLIP comparison
(out_anim/results.md).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PIPELINE = os.path.realpath(os.path.join(HERE, "..", "..", "..", "shared", "fidelity"))
TOOLS = os.environ.get("FIDELITY_TOOLS", "/tmp/fidelity")
ROOT = os.environ.setdefault("FIDELITY_DIR", "/tmp/fidelity-anim")
sys.path.insert(0, PIPELINE)
import gen_scenes as g  # noqa: E402

MUSEION = os.path.abspath(os.environ.get("MUSEION", "target/release/museion"))
SHARED = os.path.realpath(os.path.join(PIPELINE, "..", "gltf"))
ASSETS = os.path.join(HERE, "..", "..", "assets", "demo")

# name, file, clip index, seconds, camera (None: framed from the rest pose's bounds)
CASES = [
    ("Fox_run", f"{SHARED}/Fox/Fox.glb", 2, 0.45, None),
    ("Fox_survey", f"{SHARED}/Fox/Fox.glb", 0, 2.1, None),
    ("MorphStressTest_wave", f"{SHARED}/MorphStressTest/MorphStressTest.gltf", 2, 1.3, None),
    ("guide_walk", f"{ASSETS}/people/guide.glb", 0, 0.3,
     {"eye": [2.2, 1.3, 3.2], "target": [0, 0.9, 0], "fov": 40}),
    ("kinetic_turn", f"{ASSETS}/sculptures/kinetic.glb", 0, 2.0, None),
]


def pointer_scene(path):
    """A sphere whose base colour, a checker's texture offset and a light's intensity are
    driven by one KHR_animation_pointer clip (linear keys)."""
    import numpy as np
    b = g.Builder()
    b.ext_used.add("KHR_animation_pointer")
    b.ext_used.add("KHR_texture_transform")
    tex = b.image(g.checker(256, 8))
    mat = b.material(name="animated", pbrMetallicRoughness={
        "baseColorFactor": [1, 1, 1, 1], "metallicFactor": 0.0, "roughnessFactor": 0.6,
        "baseColorTexture": {"index": tex, "extensions": {"KHR_texture_transform": {"offset": [0, 0]}}}})
    b.node(mesh=b.mesh(g.uv_sphere(0.8), mat))
    g.key_light(b, 3.0, direction=(-0.45, -0.5, -0.74))
    times = b.accessor(np.array([0.0, 1.0, 2.0], np.float32), "SCALAR", target=None)
    b.g["accessors"][times].update({"min": [0.0], "max": [2.0]})  # required of sampler inputs
    colour = b.accessor(np.array([[1, 1, 1, 1], [0.9, 0.2, 0.1, 1], [0.1, 0.3, 0.9, 1]], np.float32), "VEC4", target=None)
    offset = b.accessor(np.array([[0, 0], [0.25, 0.1], [0.5, 0.5]], np.float32), "VEC2", target=None)
    power = b.accessor(np.array([1.0, 6.0, 2.0], np.float32), "SCALAR", target=None)
    pointers = [
        ("/materials/0/pbrMetallicRoughness/baseColorFactor", colour),
        ("/materials/0/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform/offset", offset),
        ("/extensions/KHR_lights_punctual/lights/0/intensity", power),
    ]
    b.g["animations"] = [{
        "name": "pointers",
        "samplers": [{"input": times, "output": out, "interpolation": "LINEAR"} for _, out in pointers],
        "channels": [{"sampler": i, "target": {"path": "pointer", "extensions": {
            "KHR_animation_pointer": {"pointer": p}}}} for i, (p, _) in enumerate(pointers)],
    }]
    b.write(path)
    return path


def page_with_animation(tools):
    """The pipeline's scripts in `tools`, its page playing case.animation paused at case.time."""
    if os.path.exists(tools):
        shutil.rmtree(tools)
    shutil.copytree(PIPELINE, tools, ignore=shutil.ignore_patterns("__pycache__"))
    page = os.path.join(tools, "page", "index.html")
    html = open(page).read()
    old = "    state.animationIndices = [];"
    assert old in html, "the pipeline's page changed: update animation_compare.py"
    html = html.replace(old, """    state.animationIndices = c.animation === undefined ? [] : [c.animation];
    state.animationTimer.paused = true;
    state.animationTimer.pausedTime = (c.time ?? 0) * 1000;""")
    open(page, "w").write(html)


def main():
    os.makedirs(ROOT, exist_ok=True)
    for shared in ("node_modules", "venv"):
        link = os.path.join(ROOT, shared)
        if not os.path.exists(link):
            os.symlink(os.path.join(TOOLS, shared), link)
    env_dir = os.path.join(ROOT, "scenes", "_env")
    if not os.path.exists(env_dir):
        shutil.copytree(os.path.join(TOOLS, "scenes", "_env"), env_dir)
    cases = []
    pointer = pointer_scene(os.path.join(ROOT, "build", "pointers", "pointers.gltf"))
    for name, src, clip, seconds, camera in CASES + [("pointers", pointer, 0, 1.4, {"eye": [0, 0, 4.2], "target": [0, 0, 0], "fov": 35})]:
        file = g.prepare_model(name, src)
        path = os.path.join(g.SCENES, file)
        cases.append({"name": name, "file": file, "size": [480, 360],
                      "camera": camera or g.auto_camera(path, fov=40.0),
                      "animation": clip, "time": seconds})
    json.dump(cases, open(os.path.join(ROOT, "cases.json"), "w"), indent=1)
    tools = os.path.join(ROOT, "tools")
    page_with_animation(tools)
    subprocess.run(["node", os.path.join(tools, "render_reference.cjs"), "--aa", "0"], check=True)
    out = os.path.join(ROOT, "museion_noaa")
    os.makedirs(out, exist_ok=True)
    for c in cases:
        cam = c["camera"]
        cmd = [MUSEION, "render", os.path.join(g.SCENES, c["file"]), "--out", os.path.join(out, c["name"] + ".png"),
               "--size", "{}x{}".format(*c["size"]),
               "--camera", "eye={};target={};fov={}".format(",".join(map(str, cam["eye"])),
                                                          ",".join(map(str, cam["target"])), cam["fov"]),
               "--animation", str(c["animation"]), "--time", str(c["time"]),
               "--env", "none", "--tonemap", "neutral", "--exposure", "0", "--msaa", "1",
               "--background", "0,0,0", "--no-lod", "--cull", "none", "--no-shadows", "--no-multiscatter",
               "--allow-dir", "/", "--force"]
        subprocess.run(cmd, check=True, env=dict(os.environ, MUSEION_CACHE_DIR=os.path.join(ROOT, "cache")))
        print(c["name"], "rendered")
    subprocess.run([sys.executable, os.path.join(tools, "compare.py"), "--ref", os.path.join(ROOT, "ref_noaa"),
                    "--test", out, "--out", os.path.join(ROOT, "out_anim")], check=True)
    print(open(os.path.join(ROOT, "out_anim", "results.md")).read())


if __name__ == "__main__":
    main()

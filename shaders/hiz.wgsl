// The Hi-Z depth pyramid: level 0 holds, per pixel, the farthest depth of its samples;
// each further level the farthest of the 2×2 texels below it. With reverse-Z the
// farthest depth is the smallest, so every reduction is a min. Level 0 is the viewport
// padded to powers of two, so each level halves exactly whatever the window size.

@group(0) @binding(0) var depth: texture_depth_2d;
@group(0) @binding(1) var depth_msaa: texture_depth_multisampled_2d;
@group(0) @binding(2) var source: texture_2d<f32>;
@group(0) @binding(3) var destination: texture_storage_2d<r32float, write>;

// Level 0 is padded to powers of two; padding texels get depth 0 (far), which hides
// nothing.
@compute @workgroup_size(8, 8)
fn from_depth(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= textureDimensions(destination)) {
        return;
    }
    var farthest = 0.0;
    if all(id.xy < textureDimensions(depth)) {
        farthest = textureLoad(depth, id.xy, 0);
    }
    textureStore(destination, id.xy, vec4<f32>(farthest, 0.0, 0.0, 0.0));
}

@compute @workgroup_size(8, 8)
fn from_depth_msaa(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= textureDimensions(destination)) {
        return;
    }
    if any(id.xy >= textureDimensions(depth_msaa)) {
        textureStore(destination, id.xy, vec4<f32>(0.0));
        return;
    }
    var farthest = textureLoad(depth_msaa, id.xy, 0);
    let samples = textureNumSamples(depth_msaa);
    for (var s = 1u; s < samples; s++) {
        farthest = min(farthest, textureLoad(depth_msaa, id.xy, s));
    }
    textureStore(destination, id.xy, vec4<f32>(farthest, 0.0, 0.0, 0.0));
}

@compute @workgroup_size(8, 8)
fn reduce(@builtin(global_invocation_id) id: vec3<u32>) {
    let size = textureDimensions(destination);
    if any(id.xy >= size) {
        return;
    }
    let last = vec2<i32>(textureDimensions(source)) - 1;
    let base = vec2<i32>(id.xy) * 2;
    let a = textureLoad(source, min(base, last), 0).r;
    let b = textureLoad(source, min(base + vec2<i32>(1, 0), last), 0).r;
    let c = textureLoad(source, min(base + vec2<i32>(0, 1), last), 0).r;
    let d = textureLoad(source, min(base + vec2<i32>(1, 1), last), 0).r;
    textureStore(destination, id.xy, vec4<f32>(min(min(a, b), min(c, d)), 0.0, 0.0, 0.0));
}

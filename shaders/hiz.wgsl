// The Hi-Z depth pyramid: level 0 holds, per 2×2 pixel block, the farthest depth of its
// samples;
// each further level the farthest of the 2×2 texels below it. With reverse-Z the
// farthest depth is the smallest, so every reduction is a min. Level 0 is half the viewport
// padded to powers of two, so each level halves exactly whatever the window size.

#import museion::constants::IMAGE_TILE

@group(0) @binding(0) var depth: texture_depth_2d;
@group(0) @binding(1) var depth_msaa: texture_depth_multisampled_2d;
@group(0) @binding(2) var source: texture_2d<f32>;
@group(0) @binding(3) var destination: texture_storage_2d<r32float, write>;

// Level 0 holds 2×2 pixel blocks and is padded to powers of two. Pixels outside the
// viewport are left out (nothing is visible there); a texel with none inside gets depth
// 0 (far), which hides nothing.
@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE)
fn from_depth(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= textureDimensions(destination)) {
        return;
    }
    let size = textureDimensions(depth);
    var farthest = 1.0;
    var inside = false;
    for (var k = 0u; k < 4u; k++) {
        let pixel = id.xy * 2u + vec2<u32>(k & 1u, k >> 1u);
        if all(pixel < size) {
            farthest = min(farthest, textureLoad(depth, pixel, 0));
            inside = true;
        }
    }
    textureStore(destination, id.xy, vec4<f32>(select(0.0, farthest, inside), 0.0, 0.0, 0.0));
}

@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE)
fn from_depth_msaa(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= textureDimensions(destination)) {
        return;
    }
    let size = textureDimensions(depth_msaa);
    let samples = textureNumSamples(depth_msaa);
    var farthest = 1.0;
    var inside = false;
    for (var k = 0u; k < 4u; k++) {
        let pixel = id.xy * 2u + vec2<u32>(k & 1u, k >> 1u);
        if all(pixel < size) {
            for (var s = 0u; s < samples; s++) {
                farthest = min(farthest, textureLoad(depth_msaa, pixel, s));
            }
            inside = true;
        }
    }
    textureStore(destination, id.xy, vec4<f32>(select(0.0, farthest, inside), 0.0, 0.0, 0.0));
}

@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE)
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

// Shadow maps: the depth of shadow casters seen from a light, one atlas layer per view.
// Instances come through a list, as in the forward pass.

// World to this view's clip space.
@group(0) @binding(0) var<uniform> shadow_view: mat4x4<f32>;

@group(1) @binding(0) var<storage, read> visible: array<u32>;
@group(1) @binding(1) var<storage, read> transforms: array<vec4<f32>>;

@vertex
fn vs_shadow(@location(0) position: vec3<f32>, @builtin(instance_index) slot: u32) -> @builtin(position) vec4<f32> {
    let id = visible[slot];
    let p = vec4<f32>(position, 1.0);
    let world = vec3<f32>(dot(transforms[id * 3u], p), dot(transforms[id * 3u + 1u], p), dot(transforms[id * 3u + 2u], p));
    return shadow_view * vec4<f32>(world, 1.0);
}

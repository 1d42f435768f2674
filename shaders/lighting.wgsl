// The frame's environment light, bound as group 3 by the passes that shade: the
// GGX-prefiltered specular cube, the irradiance harmonics, and the split-sum table.
// Needs shared.wgsl before it.

@group(3) @binding(0) var<uniform> lighting: Lighting;
@group(3) @binding(1) var environment_map: texture_cube<f32>;
@group(3) @binding(2) var environment_sampler: sampler;
@group(3) @binding(3) var brdf_table: texture_2d<f32>;

// A world direction in the environment's own frame (the environment is turned by
// `lighting.rotation` about +Y, so directions turn the other way).
fn environment_direction(d: vec3<f32>) -> vec3<f32> {
    let c = lighting.rotation.x;
    let s = lighting.rotation.y;
    return vec3<f32>(c * d.x - s * d.z, d.y, s * d.x + c * d.z);
}

// Radiance arriving from world direction `d`, prefiltered for perceptual roughness
// `roughness` (0 is the environment itself).
fn environment_radiance(d: vec3<f32>, roughness: f32) -> vec3<f32> {
    let lod = roughness * lighting.max_lod;
    return textureSampleLevel(environment_map, environment_sampler, environment_direction(d), lod).rgb * lighting.intensity;
}

// The radiance a white Lambertian surface with normal `n` reflects: irradiance / π.
fn environment_diffuse(n: vec3<f32>) -> vec3<f32> {
    let d = environment_direction(n);
    let sh = lighting.sh;
    let e = sh[0].rgb * 0.282095
        + sh[1].rgb * (0.488603 * d.y)
        + sh[2].rgb * (0.488603 * d.z)
        + sh[3].rgb * (0.488603 * d.x)
        + sh[4].rgb * (1.092548 * d.x * d.y)
        + sh[5].rgb * (1.092548 * d.y * d.z)
        + sh[6].rgb * (0.315392 * (3.0 * d.z * d.z - 1.0))
        + sh[7].rgb * (1.092548 * d.x * d.z)
        + sh[8].rgb * (0.546274 * (d.x * d.x - d.y * d.y));
    // Second-order harmonics ring below zero behind bright sources.
    return max(e, vec3<f32>(0.0)) * lighting.intensity;
}

// The split-sum scale and bias for n·v and perceptual roughness: the GGX directional
// albedo is F0 * x + y.
fn split_sum(n_dot_v: f32, roughness: f32) -> vec2<f32> {
    let size = vec2<f32>(textureDimensions(brdf_table));
    // Texel centres hold the table's samples.
    let uv = (vec2<f32>(n_dot_v, roughness) * (size - 1.0) + 0.5) / size;
    return textureSampleLevel(brdf_table, environment_sampler, uv, 0.0).rg;
}

#define_import_path museion::lighting

#import museion::constants::{LIGHT_DIRECTIONAL, LIGHT_SPOT}
#import museion::shared::{ClusterParams, Light, Lighting, ProbeParams, ProbeVolume, ShadowView, cluster_slice}

// The frame's light beyond the punctual lights: the GGX-prefiltered environment cube, its
// irradiance cube and the split-sum table, the screen-space ambient occlusion, and the
// shadow maps. Bound as group 1 by every pipeline that imports it (forward: frame 0,
// lighting 1, instances 2, material 3; skybox: frame 0, lighting 1), so that one
// declaration serves them all.

@group(1) @binding(0) var<uniform> lighting: Lighting;
@group(1) @binding(1) var environment_map: texture_cube<f32>;
@group(1) @binding(2) var environment_sampler: sampler;
@group(1) @binding(3) var brdf_table: texture_2d<f32>;
// E(n)/π of the environment: the radiance a white Lambertian surface facing n reflects.
@group(1) @binding(9) var irradiance_map: texture_cube<f32>;

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

// The radiance a white Lambertian surface with normal `n` reflects: irradiance / π, from
// the irradiance cube, filtered linearly between its texels.
fn environment_diffuse(n: vec3<f32>) -> vec3<f32> {
    return textureSampleLevel(irradiance_map, environment_sampler, environment_direction(n), 0.0).rgb * lighting.intensity;
}

// The baked irradiance probes (renderer/core/src/probes.rs): each room's grid of
// second-order harmonics in a 3D atlas (the 27 numbers of a probe in seven RGBA groups
// stacked along y, `group_height` texels apart; grids one after another along z), the
// grids, and the room map: per floor-plan cell, two 16-bit grid numbers plus one (0:
// none) for up to two rooms stacked over it.
@group(1) @binding(12) var probe_atlas: texture_3d<f32>;
@group(1) @binding(13) var<uniform> probes: ProbeParams;
@group(1) @binding(14) var<storage, read> probe_volumes: array<ProbeVolume>;
@group(1) @binding(15) var room_map: texture_2d<u32>;

// How far above its ceiling or below its floor a point still counts as in a room, metres
// (as museion_scene::probes counts it).
const ROOM_HEIGHT_TOLERANCE: f32 = 0.05;

// The grid lighting the point `q` plus one; 0 where no room's probes reach.
fn probe_volume_at(q: vec3<f32>) -> u32 {
    let cell = floor((q.xz - probes.map_origin) / probes.map_cell);
    if any(cell < vec2<f32>(0.0)) || any(cell >= vec2<f32>(probes.map_size)) {
        return 0u;
    }
    let slots = textureLoad(room_map, vec2<u32>(cell), 0).r;
    for (var s = 0u; s < 2u; s++) {
        let v = (slots >> (16u * s)) & 0xffffu;
        if v == 0u {
            continue;
        }
        let volume = probe_volumes[v - 1u];
        if q.y >= volume.bottom - ROOM_HEIGHT_TOLERANCE && q.y <= volume.top + ROOM_HEIGHT_TOLERANCE {
            return v;
        }
    }
    return 0u;
}

// The radiance a white Lambertian surface at `p` (geometric normal `geometric_n`, unit)
// facing `n` reflects: E(n)/π from its room's probes, trilinearly between the eight
// around it, where it stands in a baked room; else from the environment's irradiance.
fn ambient_diffuse(p: vec3<f32>, geometric_n: vec3<f32>, n: vec3<f32>) -> vec3<f32> {
    // Compiled in only where probes are bound (see ForwardPass::module in the renderer).
#ifndef PROBES
    return environment_diffuse(n);
#else
    if probes.volume_count == 0u {
        return environment_diffuse(n);
    }
    let q = p + geometric_n * probes.offset;
    let v = probe_volume_at(q);
    if v == 0u {
        return environment_diffuse(n);
    }
    let volume = probe_volumes[v - 1u];
    // Clamped to the grid, so the filter never reaches a neighbouring grid's texels.
    let g = clamp((q - volume.min) * volume.inverse_step, vec3<f32>(0.0), vec3<f32>(volume.counts - 1u));
    let texel = g + vec3<f32>(0.5, 0.5, 0.5 + f32(volume.atlas_z));
    var c: array<vec4<f32>, 7>;
    for (var group = 0u; group < 7u; group++) {
        let uvw = (texel + vec3<f32>(0.0, f32(group * probes.group_height), 0.0)) * probes.atlas_scale;
        c[group] = textureSampleLevel(probe_atlas, environment_sampler, uvw, 0.0);
    }
    // The basis of museion_scene::probes::sh_basis.
    let x = n.x;
    let y = n.y;
    let z = n.z;
    var e = c[0].xyz * 0.282095;
    e += vec3<f32>(c[0].w, c[1].xy) * (0.488603 * y);
    e += vec3<f32>(c[1].zw, c[2].x) * (0.488603 * z);
    e += c[2].yzw * (0.488603 * x);
    e += c[3].xyz * (1.092548 * x * y);
    e += vec3<f32>(c[3].w, c[4].xy) * (1.092548 * y * z);
    e += vec3<f32>(c[4].zw, c[5].x) * (0.315392 * (3.0 * z * z - 1.0));
    e += c[5].yzw * (1.092548 * x * z);
    e += c[6].xyz * (0.546274 * (x * x - y * y));
    return max(e, vec3<f32>(0.0));
#endif
}

// The rooms' reflection probes (renderer/core/src/probes.rs): per room a cube of the
// radiance arriving at its capture point, GGX-prefiltered down its mips as the
// environment is (level `roughness * probes.reflection_max_lod`), cube `reflection - 1`
// of a grid's room.
@group(1) @binding(16) var reflection_maps: texture_cube_array<f32>;

// The direction from `capture` toward the point where the ray from `p` (clamped into the
// box) along `d` leaves the box `lo`..`hi` (museion_scene::reflections::box_project).
fn box_project(p: vec3<f32>, d: vec3<f32>, lo: vec3<f32>, hi: vec3<f32>, capture: vec3<f32>) -> vec3<f32> {
    let start = clamp(p, lo, hi);
    let far = select(lo, hi, d > vec3<f32>(0.0));
    let moving = abs(d) > vec3<f32>(1e-8);
    let t = select(vec3<f32>(3.4e38), (far - start) / select(vec3<f32>(1.0), d, moving), moving);
    let exit = start + d * max(min(t.x, min(t.y, t.z)), 0.0);
    let e = exit - capture;
    if dot(e, e) > 1e-12 {
        return normalize(e);
    }
    return d;
}

// Radiance arriving at a surface at `p` (geometric normal `geometric_n`, unit) from
// world direction `d`, prefiltered for perceptual roughness `roughness`: from its room's
// reflection probe, parallax-corrected against the room's box, where it stands in a baked
// room; else from the environment.
fn ambient_specular(p: vec3<f32>, geometric_n: vec3<f32>, d: vec3<f32>, roughness: f32) -> vec3<f32> {
    // Compiled in only where probes are bound (see ForwardPass::module in the renderer).
#ifndef PROBES
    return environment_radiance(d, roughness);
#else
    if probes.volume_count == 0u {
        return environment_radiance(d, roughness);
    }
    let v = probe_volume_at(p + geometric_n * probes.offset);
    if v == 0u {
        return environment_radiance(d, roughness);
    }
    let volume = probe_volumes[v - 1u];
    if volume.reflection == 0u {
        return environment_radiance(d, roughness);
    }
    let projected = box_project(p, d, volume.reflection_min, volume.reflection_max, volume.capture);
    let lod = roughness * probes.reflection_max_lod;
    return textureSampleLevel(reflection_maps, environment_sampler, projected, i32(volume.reflection - 1u), lod).rgb;
#endif
}

// The BRDF table at n·v and perceptual roughness: the split-sum scale and bias in rg (the
// GGX directional albedo is F0 * r + g), a white sheen lobe's directional albedo in b.
fn brdf_table_at(n_dot_v: f32, roughness: f32) -> vec3<f32> {
    let size = vec2<f32>(textureDimensions(brdf_table));
    // Texel centres hold the table's samples, at n·v and roughness i / (size - 1).
    let uv = (vec2<f32>(n_dot_v, roughness) * (size - 1.0) + 0.5) / size;
    return textureSampleLevel(brdf_table, environment_sampler, uv, 0.0).rgb;
}

// The split-sum scale and bias: the GGX directional albedo is F0 * x + y.
fn split_sum(n_dot_v: f32, roughness: f32) -> vec2<f32> {
    return brdf_table_at(n_dot_v, roughness).rg;
}

// The directional albedo of a white sheen lobe (KHR_materials_sheen).
fn sheen_albedo(n_dot_v: f32, roughness: f32) -> f32 {
    return brdf_table_at(n_dot_v, roughness).b;
}

// The share of the prefiltered environment radiance a GGX lobe of reflectance `f0`
// (scaled by `weight`, KHR_materials_specular's factor) reflects: Fdez-Agüera's
// roughness-dependent Fresnel for single scattering, plus, when `multiscatter` is set, his
// multiple-scattering term, which is lit by the same radiance. `dfg` is `split_sum`.
fn environment_fresnel(f0: vec3<f32>, weight: f32, n_dot_v: f32, roughness: f32, dfg: vec2<f32>, multiscatter: bool) -> vec3<f32> {
    let k_s = f0 + (max(vec3<f32>(1.0 - roughness), f0) - f0) * pow(1.0 - n_dot_v, 5.0);
    let single = weight * (k_s * dfg.x + dfg.y);
    if !multiscatter {
        return single;
    }
    let lost = 1.0 - (dfg.x + dfg.y);
    let f_average = weight * (f0 + (1.0 - f0) / 21.0);
    return single + lost * single * f_average / (1.0 - lost * f_average);
}

// ---- the illuminance view ----

// sRGB transfer function, decoding.
fn srgb_to_linear(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + 0.055) / 1.055, vec3<f32>(2.4));
    return select(high, low, c <= vec3<f32>(0.04045));
}

// The false colour of `lux` on the scale of `lighting.lux_stops`, in linear light: the
// stops' sRGB colours interpolated linearly in log10 lux (so that the output, encoded
// again, is exactly the scale's sRGB colour), the end colours beyond the ends.
fn false_colour(lux: f32) -> vec3<f32> {
    // log10 through log2: WGSL has no log10.
    let x = log2(max(lux, 1e-6)) * 0.30102999566;
    var srgb = lighting.lux_stops[0].xyz;
    for (var i = 1u; i < lighting.lux_stop_count; i++) {
        let below = lighting.lux_stops[i - 1u];
        let above = lighting.lux_stops[i];
        if x > below.w {
            srgb = mix(below.xyz, above.xyz, clamp((x - below.w) / max(above.w - below.w, 1e-6), 0.0, 1.0));
        }
    }
    return srgb_to_linear(srgb);
}

// The illuminance (lux) beyond the punctual lights on a surface at `p` facing `n`: π
// times the luminance (Rec. 709) of the radiance a white Lambertian surface reflects —
// the environment's, unshadowed, or where a room's probes reach, their baked indirect
// light (as the lux report counts them).
fn ambient_illuminance(p: vec3<f32>, n: vec3<f32>) -> f32 {
    return 3.14159265359 * dot(ambient_diffuse(p, n, n), vec3<f32>(0.2126, 0.7152, 0.0722));
}

// ---- ambient occlusion ----

// The screen-space ambient occlusion of the frame (1×1 white when it is off).
@group(1) @binding(7) var ambient_occlusion: texture_2d<f32>;

// The ambient visibility (0 to 1) at framebuffer position `position` (pixel centres).
fn screen_occlusion(position: vec2<f32>) -> f32 {
    let last = vec2<i32>(textureDimensions(ambient_occlusion)) - 1;
    return textureLoad(ambient_occlusion, min(vec2<i32>(position), last), 0).r;
}

// ---- transmission ----

// The opaque scene with a mip chain (KHR_materials_transmission), black 1×1 when no
// transmissive surface is drawn.
@group(1) @binding(8) var transmission_source: texture_2d<f32>;

// The opaque scene's radiance seen at screen position `uv` (0 to 1, y down) through a
// surface of perceptual roughness `roughness` and index of refraction `ior`: rougher and
// more refractive surfaces read blurrier levels (the glTF Sample Renderer's
// `applyIorToRoughness`). Alpha is 0 where nothing opaque was drawn.
fn transmitted_light(uv: vec2<f32>, roughness: f32, ior: f32) -> vec4<f32> {
    let size = vec2<f32>(textureDimensions(transmission_source));
    let lod = log2(max(size.x, size.y)) * roughness * clamp(ior * 2.0 - 2.0, 0.0, 1.0);
    return textureSampleLevel(transmission_source, environment_sampler, clamp(uv, vec2<f32>(0.0), vec2<f32>(1.0)), lod);
}

// ---- shadows ----

@group(1) @binding(4) var<storage, read> shadow_views: array<ShadowView>;
@group(1) @binding(5) var shadow_maps: texture_depth_2d_array;
@group(1) @binding(6) var shadow_sampler: sampler_comparison;

// The lit share (0 to 1) of world point `p` in shadow view `index`, filtered over a
// (2k+1)² grid of bilinear comparisons `lighting.shadow.y` texels apart. `normal` is the
// geometric normal the point is pushed along (by `lighting.shadow.z` texels) so that a
// surface does not shadow itself; `distance` is its distance from the light.
fn shadow_sample(index: u32, p: vec3<f32>, normal: vec3<f32>, distance: f32) -> f32 {
    let view = shadow_views[index];
    let texel = select(view.texel, view.texel * distance, view.perspective != 0u);
    let clip = view.view_proj * vec4<f32>(p + normal * (lighting.shadow.z * texel), 1.0);
    let ndc = clip.xyz / clip.w;
    var uv = ndc.xy * vec2<f32>(0.5, -0.5) + 0.5;
    if view.perspective != 0u {
        // The normal offset can push a point just past the edge of a cube face (or a
        // spot's cone, dark anyway): read the edge.
        uv = clamp(uv, vec2<f32>(0.0), vec2<f32>(1.0));
    }
    if any(uv < vec2<f32>(0.0)) || any(uv > vec2<f32>(1.0)) || ndc.z > 1.0 || clip.w <= 0.0 {
        return 1.0;
    }
    let size = vec2<f32>(textureDimensions(shadow_maps));
    let step = lighting.shadow.y / size;
    var lit = 0.0;
    for (var y = -1; y <= 1; y++) {
        for (var x = -1; x <= 1; x++) {
            let offset = vec2<f32>(f32(x), f32(y)) * step;
            lit += textureSampleCompareLevel(shadow_maps, shadow_sampler, uv + offset, i32(index), ndc.z);
        }
    }
    return lit / 9.0;
}

// The lit share of world point `p` for `light` (which casts shadows), `view_depth` its
// distance along the camera's view axis.
fn light_shadow(light: Light, p: vec3<f32>, normal: vec3<f32>, view_depth: f32) -> f32 {
    let first = light.shadow - 1u;
    if light.kind == LIGHT_DIRECTIONAL {
        let cascades = u32(lighting.shadow.x);
        var start = 0.0;
        for (var i = 0u; i < cascades; i++) {
            let end = lighting.cascade_splits[i];
            if view_depth < end {
                let lit = shadow_sample(first + i, p, normal, 0.0);
                // Near its far end a cascade fades into the next (or, for the last, into
                // no shadow), so no seam shows.
                let band = (end - start) * lighting.shadow.w;
                let fade = clamp((view_depth - (end - band)) / max(band, 1e-6), 0.0, 1.0);
                if fade <= 0.0 {
                    return lit;
                }
                var next = 1.0;
                if i + 1u < cascades {
                    next = shadow_sample(first + i + 1u, p, normal, 0.0);
                }
                return mix(lit, next, fade);
            }
            start = end;
        }
        return 1.0;
    }
    let to_point = p - light.position;
    let distance = length(to_point);
    if light.kind == LIGHT_SPOT {
        return shadow_sample(first, p, normal, distance);
    }
    // Point lights: the cube face the point lies in (+X, -X, +Y, -Y, +Z, -Z).
    let a = abs(to_point);
    var face: u32;
    if a.x >= a.y && a.x >= a.z {
        face = select(1u, 0u, to_point.x > 0.0);
    } else if a.y >= a.z {
        face = select(3u, 2u, to_point.y > 0.0);
    } else {
        face = select(5u, 4u, to_point.z > 0.0);
    }
    return shadow_sample(first + face, p, normal, distance);
}

// The lights of each cluster of the view (clusters.wgsl): the directional lights'
// indices first, then per cluster its count and `capacity` indices.
@group(1) @binding(10) var<storage, read> cluster_lights: array<u32>;
@group(1) @binding(11) var<uniform> clusters: ClusterParams;

// The lights that shade a pixel: `total` of them, the first `directional` the
// directional lights, the others its cluster's from `base`.
struct PixelLights {
    base: u32,
    directional: u32,
    total: u32,
}

// The lights shading the pixel at `pixel` (framebuffer coordinates) and view depth
// `view_depth`: its cluster's point and spot lights and every directional light, or all
// `light_count` lights when clustering is off.
fn pixel_lights(pixel: vec2<f32>, view_depth: f32, light_count: u32) -> PixelLights {
    if clusters.enabled == 0u {
        return PixelLights(0u, light_count, light_count);
    }
    let grid = clusters.grid;
    let tile = min(vec2<u32>(max(pixel, vec2<f32>(0.0)) / clusters.tile), grid.xy - 1u);
    let z = cluster_slice(clusters, view_depth);
    let c = (z * grid.y + tile.y) * grid.x + tile.x;
    let base = clusters.directional_count + c * (clusters.capacity + 1u);
    let count = min(cluster_lights[base], clusters.capacity);
    return PixelLights(base + 1u, clusters.directional_count, clusters.directional_count + count);
}

// The index in the light list of the `k`th light of `lights_here`.
fn pixel_light(lights_here: PixelLights, k: u32) -> u32 {
    if clusters.enabled == 0u {
        return k;
    }
    if k < lights_here.directional {
        return cluster_lights[k];
    }
    return cluster_lights[lights_here.base + k - lights_here.directional];
}


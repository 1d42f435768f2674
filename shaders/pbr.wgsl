// Forward PBR pass: glTF metallic-roughness materials under KHR_lights_punctual lights
// and the image-based environment light, written to the HDR target. Bind groups, from
// the least to the most often changed: 0 the frame, 1 the lighting (museion::lighting),
// 2 a chunk of instances, 3 a material's textures.

#import museion::brdf::{Anisotropic, BrdfParts, Surface, ThinFilm, brdf_cosine, brdf_cosine_layered, clearcoat_cosine, dielectric_fresnel, fresnel_schlick, normal_reflectance, iridescent_fresnel, sheen_cosine, transmission_lobe}
#import museion::constants::{LIGHT_DIRECTIONAL, LIGHT_SPOT, LIGHTING_MULTISCATTER, MATERIAL_ALPHA_BLEND, MATERIAL_ALPHA_MASK, MATERIAL_ANISOTROPY, MATERIAL_CLEARCOAT, MATERIAL_IRIDESCENCE, MATERIAL_SHEEN, MATERIAL_TRANSMISSION, MATERIAL_UNLIT}
#import museion::constants::{SLOT_BASE_COLOR, SLOT_EMISSIVE, SLOT_METALLIC_ROUGHNESS, SLOT_NORMAL, SLOT_OCCLUSION}
#import museion::constants::{SLOT_ANISOTROPY, SLOT_CLEARCOAT, SLOT_CLEARCOAT_NORMAL, SLOT_CLEARCOAT_ROUGHNESS, SLOT_IRIDESCENCE, SLOT_IRIDESCENCE_THICKNESS, SLOT_SHEEN_COLOR, SLOT_SHEEN_ROUGHNESS, SLOT_SPECULAR, SLOT_SPECULAR_COLOR, SLOT_THICKNESS, SLOT_TRANSMISSION}
#import museion::lighting::{ambient_diffuse, ambient_illuminance, ambient_specular, environment_fresnel, false_colour, light_shadow, lighting, pixel_light, pixel_lights, screen_occlusion, sheen_albedo, split_sum, transmitted_light}
#import museion::shared::{Camera, DrawGroup, Light, Material, TextureSlot}

@group(0) @binding(0) var<uniform> camera: Camera;
@group(0) @binding(1) var<storage, read> materials: array<Material>;
@group(0) @binding(2) var<storage, read> lights: array<Light>;

// Instances, structure of arrays: `instance_index` is a position in the visible list,
// which names the instance; its transform is three rows of a 3×4 affine matrix.
@group(2) @binding(0) var<storage, read> visible: array<u32>;
@group(2) @binding(1) var<storage, read> transforms: array<vec4<f32>>;
@group(2) @binding(2) var<storage, read> group_of: array<u32>;
@group(2) @binding(3) var<storage, read> groups: array<DrawGroup>;
// x: the chunk's first instance (ids above are relative to it).
@group(2) @binding(4) var<uniform> chunk: vec4<u32>;

// A material's textures: each SLOT_* has its texture at binding 2 × slot and its sampler
// after it.
@group(3) @binding(0) var base_color_texture: texture_2d<f32>;
@group(3) @binding(1) var base_color_sampler: sampler;
@group(3) @binding(2) var metallic_roughness_texture: texture_2d<f32>;
@group(3) @binding(3) var metallic_roughness_sampler: sampler;
@group(3) @binding(4) var normal_texture: texture_2d<f32>;
@group(3) @binding(5) var normal_sampler: sampler;
@group(3) @binding(6) var occlusion_texture: texture_2d<f32>;
@group(3) @binding(7) var occlusion_sampler: sampler;
@group(3) @binding(8) var emissive_texture: texture_2d<f32>;
@group(3) @binding(9) var emissive_sampler: sampler;
// The extensions' textures (white, or a flat normal, where a material has none), read
// only by materials with the extension; each extension's textures share a sampler.
@group(3) @binding(10) var specular_texture: texture_2d<f32>;
@group(3) @binding(11) var specular_color_texture: texture_2d<f32>;
@group(3) @binding(12) var clearcoat_texture: texture_2d<f32>;
@group(3) @binding(13) var clearcoat_roughness_texture: texture_2d<f32>;
@group(3) @binding(14) var clearcoat_normal_texture: texture_2d<f32>;
@group(3) @binding(15) var sheen_color_texture: texture_2d<f32>;
@group(3) @binding(16) var sheen_roughness_texture: texture_2d<f32>;
@group(3) @binding(17) var transmission_texture: texture_2d<f32>;
@group(3) @binding(18) var thickness_texture: texture_2d<f32>;
@group(3) @binding(19) var iridescence_texture: texture_2d<f32>;
@group(3) @binding(20) var iridescence_thickness_texture: texture_2d<f32>;
@group(3) @binding(21) var anisotropy_texture: texture_2d<f32>;
@group(3) @binding(22) var specular_sampler: sampler;
@group(3) @binding(23) var clearcoat_sampler: sampler;
@group(3) @binding(24) var sheen_sampler: sampler;
@group(3) @binding(25) var transmission_sampler: sampler;
@group(3) @binding(26) var iridescence_sampler: sampler;
@group(3) @binding(27) var anisotropy_sampler: sampler;

struct VertexIn {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) tangent: vec4<f32>,
    @location(3) uv0: vec2<f32>,
    @location(4) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
}

struct VertexOut {
    @builtin(position) clip: vec4<f32>,
    @location(0) world_position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) tangent: vec4<f32>,
    @location(3) uv0: vec2<f32>,
    @location(4) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @location(6) @interpolate(flat) material: u32,
    // The instance's scene-wide index.
    @location(7) @interpolate(flat) instance: u32,
}

@vertex
fn vs_main(in: VertexIn, @builtin(instance_index) slot: u32) -> VertexOut {
    let id = visible[slot];
    let r0 = transforms[id * 3u];
    let r1 = transforms[id * 3u + 1u];
    let r2 = transforms[id * 3u + 2u];
    let p = vec4<f32>(in.position, 1.0);
    let world = vec3<f32>(dot(r0, p), dot(r1, p), dot(r2, p));
    // The 3×3 part by columns; normals take its cofactor matrix times the sign of its
    // determinant (the inverse transpose up to scale, right for mirrors too).
    let c0 = vec3<f32>(r0.x, r1.x, r2.x);
    let c1 = vec3<f32>(r0.y, r1.y, r2.y);
    let c2 = vec3<f32>(r0.z, r1.z, r2.z);
    let cofactor = mat3x3<f32>(cross(c1, c2), cross(c2, c0), cross(c0, c1));
    let side = select(1.0, -1.0, dot(c0, cross(c1, c2)) < 0.0);
    var out: VertexOut;
    out.clip = camera.view_proj * vec4<f32>(world, 1.0);
    out.world_position = world;
    out.normal = cofactor * in.normal * side;
    // Tangents follow the surface, so they transform like positions.
    out.tangent = vec4<f32>(mat3x3<f32>(c0, c1, c2) * in.tangent.xyz, in.tangent.w);
    out.uv0 = in.uv0;
    out.uv1 = in.uv1;
    out.color = in.color;
    out.material = groups[group_of[id]].material;
    out.instance = chunk.x + id;
    return out;
}

fn slot_uv(slot: TextureSlot, uv0: vec2<f32>, uv1: vec2<f32>) -> vec2<f32> {
    let uv = select(uv0, uv1, slot.u_row.w > 0.5);
    return vec2<f32>(dot(slot.u_row.xy, uv) + slot.u_row.z, dot(slot.v_row.xy, uv) + slot.v_row.z);
}

// Screen-space derivatives of both UV sets, taken once in uniform control flow.
struct UvGradients {
    dx0: vec2<f32>,
    dy0: vec2<f32>,
    dx1: vec2<f32>,
    dy1: vec2<f32>,
}

fn uv_gradients(uv0: vec2<f32>, uv1: vec2<f32>) -> UvGradients {
    return UvGradients(dpdx(uv0), dpdy(uv0), dpdx(uv1), dpdy(uv1));
}

// Samples a slot's texture with gradients taken from the interpolated UVs themselves and
// carried through the slot's transform, not from the transformed coordinates: those
// depend on the material record, read through a flat input, and helper invocations at
// triangle edges do not get the primitive's flat inputs on every driver (lavapipe gives
// them other values, and the implicit gradient then picks the 1×1 mip along every edge).
fn sample_slot(t: texture_2d<f32>, s: sampler, slot: TextureSlot, uv0: vec2<f32>, uv1: vec2<f32>, g: UvGradients) -> vec4<f32> {
    let second = slot.u_row.w > 0.5;
    let m = mat2x2<f32>(vec2<f32>(slot.u_row.x, slot.v_row.x), vec2<f32>(slot.u_row.y, slot.v_row.y));
    let dx = m * select(g.dx0, g.dx1, second);
    let dy = m * select(g.dy0, g.dy1, second);
    return textureSampleGrad(t, s, slot_uv(slot, uv0, uv1), dx, dy);
}

fn has_texture(slot: TextureSlot) -> bool {
    return slot.v_row.w > 0.5;
}

// A slot's texel, or white where the material has no texture in it (the texture is not
// read then: extension slots cost only the materials that use them).
fn sample_if_any(t: texture_2d<f32>, s: sampler, slot: TextureSlot, uv0: vec2<f32>, uv1: vec2<f32>, g: UvGradients) -> vec4<f32> {
    if has_texture(slot) {
        return sample_slot(t, s, slot, uv0, uv1, g);
    }
    return vec4<f32>(1.0);
}

// Some unit vector perpendicular to `n`.
fn any_perpendicular(n: vec3<f32>) -> vec3<f32> {
    return select(cross(n, vec3<f32>(0.0, 0.0, 1.0)), cross(n, vec3<f32>(1.0, 0.0, 0.0)), abs(n.z) > 0.9);
}

// A tangent-space normal map's texel turned into the world by the (front-side) frame.
fn mapped_normal(texel: vec3<f32>, scale: f32, t: vec3<f32>, b: vec3<f32>, n: vec3<f32>) -> vec3<f32> {
    let tangent_normal = (texel * 2.0 - 1.0) * vec3<f32>(scale, scale, 1.0);
    return t * tangent_normal.x + b * tangent_normal.y + n * tangent_normal.z;
}

// Irradiance (times colour) arriving from a light, and the direction toward it.
struct Incoming {
    l: vec3<f32>,
    irradiance: vec3<f32>,
}

fn incoming(light: Light, position: vec3<f32>) -> Incoming {
    var result: Incoming;
    if light.kind == LIGHT_DIRECTIONAL {
        result.l = -light.direction;
        result.irradiance = light.color;
        return result;
    }
    let to_light = light.position - position;
    let distance_sq = max(dot(to_light, to_light), 1e-8);
    let distance = sqrt(distance_sq);
    result.l = to_light / distance;
    // KHR_lights_punctual's recommended range falloff times the inverse-square law.
    var falloff = 1.0 / distance_sq;
    if light.range > 0.0 {
        let ratio = distance / light.range;
        falloff *= clamp(1.0 - ratio * ratio * ratio * ratio, 0.0, 1.0);
    }
    if light.kind == LIGHT_SPOT {
        let cd = dot(light.direction, -result.l);
        let cone = clamp(cd * light.spot_scale + light.spot_offset, 0.0, 1.0);
        falloff *= cone * cone;
    }
    result.irradiance = light.color * falloff;
    return result;
}

@fragment
fn fs_main(in: VertexOut, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    return shade(in, front_facing);
}

struct ColorAndId {
    @location(0) color: vec4<f32>,
    // Instance index + 1; 0 where nothing is drawn.
    @location(1) id: u32,
}

// The colour, and which instance covers the pixel (for tests and picking).
@fragment
fn fs_main_with_id(in: VertexOut, @builtin(front_facing) front_facing: bool) -> ColorAndId {
    return ColorAndId(shade(in, front_facing), in.instance + 1u);
}

// The depth prepass of ambient occlusion: view-space normals (w = 1 marks geometry),
// with masked texels cut out as the shading pass cuts them.
@fragment
fn fs_prepass(in: VertexOut, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    let material = materials[in.material];
    let g = uv_gradients(in.uv0, in.uv1);
    let base_sample = sample_slot(base_color_texture, base_color_sampler, material.slots[SLOT_BASE_COLOR], in.uv0, in.uv1, g);
    let alpha = material.base_color.a * base_sample.a * in.color.a;
    if (material.flags & MATERIAL_ALPHA_MASK) != 0u && alpha < material.alpha_cutoff {
        discard;
    }
    let n = normalize(in.normal) * select(-1.0, 1.0, front_facing);
    return vec4<f32>(normalize((camera.view * vec4<f32>(n, 0.0)).xyz), 1.0);
}

// The illuminance view: the lux arriving on the surface, in false colour — from every
// light of the pixel's list, irradiance (its colour's Rec. 709 luminance) times the
// cosine at the surface's own (geometric) normal, shadowed as the shading is, plus the
// environment's unshadowed illuminance, or where a room's baked probes reach, theirs:
// what `museion lux` measures (with `--gi probes` when the view has probes). See-through
// surfaces (blended or transmissive) are left out, so the surface behind them shows.
fn illuminance_view(in: VertexOut, flags: u32, front_facing: bool) -> vec4<f32> {
    if (flags & (MATERIAL_ALPHA_BLEND | MATERIAL_TRANSMISSION)) != 0u {
        discard;
    }
    let n = normalize(in.normal) * select(-1.0, 1.0, front_facing);
    let view_depth = -dot(vec4<f32>(camera.view[0].z, camera.view[1].z, camera.view[2].z, camera.view[3].z), vec4<f32>(in.world_position, 1.0));
    var lux = ambient_illuminance(in.world_position, n);
    let shading = pixel_lights(in.clip.xy, view_depth, camera.light_count);
    for (var k = 0u; k < shading.total; k++) {
        let i = pixel_light(shading, k);
        let light = incoming(lights[i], in.world_position);
        let cosine = dot(n, light.l);
        if cosine <= 0.0 || all(light.irradiance == vec3<f32>(0.0)) {
            continue;
        }
        var lit = 1.0;
#ifdef SHADOWS
        if lights[i].shadow != 0u {
            lit = light_shadow(lights[i], in.world_position, n, view_depth);
        }
#endif
        lux += dot(light.irradiance, vec3<f32>(0.2126, 0.7152, 0.0722)) * cosine * lit;
    }
    return vec4<f32>(false_colour(lux), 1.0);
}

fn shade(in: VertexOut, front_facing: bool) -> vec4<f32> {
    let material = materials[in.material];
    let slots = material.slots;

    let g = uv_gradients(in.uv0, in.uv1);
    let position_dx = dpdx(in.world_position);
    let position_dy = dpdy(in.world_position);
    // Materials with a core texture read every core slot (empty ones read 1×1 white
    // fallbacks); the others read none (see ForwardPass::module).
#ifdef CORE_TEXTURES
    let base_sample = sample_slot(base_color_texture, base_color_sampler, slots[SLOT_BASE_COLOR], in.uv0, in.uv1, g);
    let mr_sample = sample_slot(metallic_roughness_texture, metallic_roughness_sampler, slots[SLOT_METALLIC_ROUGHNESS], in.uv0, in.uv1, g);
    let normal_sample = sample_slot(normal_texture, normal_sampler, slots[SLOT_NORMAL], in.uv0, in.uv1, g);
    let occlusion_sample = sample_slot(occlusion_texture, occlusion_sampler, slots[SLOT_OCCLUSION], in.uv0, in.uv1, g);
    let emissive_sample = sample_slot(emissive_texture, emissive_sampler, slots[SLOT_EMISSIVE], in.uv0, in.uv1, g);
    let normal_mapped = has_texture(slots[SLOT_NORMAL]);
#else
    let base_sample = vec4<f32>(1.0);
    let mr_sample = vec4<f32>(1.0);
    let normal_sample = vec4<f32>(1.0);
    let occlusion_sample = vec4<f32>(1.0);
    let emissive_sample = vec4<f32>(1.0);
    let normal_mapped = false;
#endif

    let base = material.base_color * base_sample * in.color;
    if (material.flags & MATERIAL_ALPHA_MASK) != 0u && base.a < material.alpha_cutoff {
        discard;
    }
    let alpha = select(1.0, base.a, (material.flags & MATERIAL_ALPHA_BLEND) != 0u);
#ifdef ILLUMINANCE_VIEW
    return illuminance_view(in, material.flags, front_facing);
#else
    if (material.flags & MATERIAL_UNLIT) != 0u {
        return vec4<f32>(base.rgb, alpha);
    }

    let metallic = clamp(material.metallic * mr_sample.b, 0.0, 1.0);
    let roughness = clamp(material.roughness * mr_sample.g, 0.0, 1.0);
    // KHR_materials_ior and KHR_materials_specular give the dielectric's reflectance.
#ifdef SPECULAR_TEXTURES
    let specular_weight = material.specular.w * sample_if_any(specular_texture, specular_sampler, slots[SLOT_SPECULAR], in.uv0, in.uv1, g).a;
    let specular_color = sample_if_any(specular_color_texture, specular_sampler, slots[SLOT_SPECULAR_COLOR], in.uv0, in.uv1, g).rgb;
    let f0_dielectric = min(material.specular.xyz * specular_color, vec3<f32>(1.0));
#else
    let specular_weight = material.specular.w;
    let f0_dielectric = min(material.specular.xyz, vec3<f32>(1.0));
#endif
    let surface = Surface(base.rgb, metallic, roughness, roughness * roughness, f0_dielectric, specular_weight);

    // Shading frame; back faces of double-sided materials are lit from their own side:
    // normal, tangent and bitangent all turn round, so a normal map's relief seen from
    // behind is the same relief, not its mirror image. Without vertex tangents, the
    // frame follows the first UV set's screen-space gradients (as the glTF Sample
    // Renderer derives it).
    let side = select(-1.0, 1.0, front_facing);
    let geometric_normal = normalize(in.normal);
    var tangent = in.tangent.xyz;
    var handedness = in.tangent.w;
    if dot(tangent, tangent) <= 0.0 {
        let det = g.dx0.x * g.dy0.y - g.dy0.x * g.dx0.y;
        tangent = select(vec3<f32>(1.0, 0.0, 0.0), (g.dy0.y * position_dx - g.dx0.y * position_dy) / det, abs(det) > 1e-12);
        handedness = 1.0;
    }
    var front_t = tangent - geometric_normal * dot(geometric_normal, tangent);
    front_t = select(normalize(any_perpendicular(geometric_normal)), normalize(front_t), dot(front_t, front_t) > 1e-12);
    let front_b = cross(geometric_normal, front_t) * select(1.0, -1.0, handedness < 0.0);
    var n = geometric_normal * side;
    if normal_mapped {
        n = normalize(mapped_normal(normal_sample.xyz, material.normal_scale, front_t, front_b, geometric_normal) * side);
    }
    // Toward the viewer: the eye for perspective, the view axis (the view matrix's
    // third row) for orthographic views.
    let view_axis = vec3<f32>(camera.view[0].z, camera.view[1].z, camera.view[2].z);
    let v = select(normalize(camera.position - in.world_position), normalize(view_axis), camera.orthographic != 0u);

    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let f0 = normal_reflectance(surface);
    // The GGX directional albedo with F0 = 1.
    let dfg = split_sum(n_dot_v, roughness);
    let albedo = dfg.x + dfg.y;
    let multiscatter = (lighting.flags & LIGHTING_MULTISCATTER) != 0u;
    // A single GGX bounce loses the energy that scatters more than once between
    // microfacets, most on rough metals. Punctual lights get it back as a scale of the
    // specular lobe (Kulla-Conty, as Filament applies it).
    let energy = select(vec3<f32>(1.0), 1.0 + f0 * (1.0 / max(albedo, 1e-4) - 1.0), multiscatter);

    // Shadow lookups push the point along the surface's own normal, facing the light.
    let geometric = geometric_normal * side;
    // The layers over the base, each paid for only by materials that have it: a clear
    // coat (its own smooth normal: the geometric one) and a sheen.
    // Compiled in only for materials with the layer (see ForwardPass::module).
#ifdef CLEARCOAT
    let has_clearcoat = (material.flags & MATERIAL_CLEARCOAT) != 0u;
#else
    let has_clearcoat = false;
#endif
    // Compiled in only for materials with the layer (see ForwardPass::module).
#ifdef SHEEN
    let has_sheen = (material.flags & MATERIAL_SHEEN) != 0u;
#else
    let has_sheen = false;
#endif
    var coat_factor = 0.0;
    var coat_roughness = 0.0;
    var coat_n = geometric;
    if has_clearcoat {
        let coat_sample = sample_if_any(clearcoat_texture, clearcoat_sampler, slots[SLOT_CLEARCOAT], in.uv0, in.uv1, g);
        let coat_roughness_sample = sample_if_any(clearcoat_roughness_texture, clearcoat_sampler, slots[SLOT_CLEARCOAT_ROUGHNESS], in.uv0, in.uv1, g);
        coat_factor = material.clearcoat.x * coat_sample.r;
        coat_roughness = clamp(material.clearcoat.y * coat_roughness_sample.g, 0.0, 1.0);
        // The coat has its own normal map; without one it is smooth: the geometric
        // normal, not the base's normal map.
        if has_texture(slots[SLOT_CLEARCOAT_NORMAL]) {
            let texel = sample_slot(clearcoat_normal_texture, clearcoat_sampler, slots[SLOT_CLEARCOAT_NORMAL], in.uv0, in.uv1, g).xyz;
            coat_n = normalize(mapped_normal(texel, material.clearcoat.w, front_t, front_b, geometric_normal) * side);
        }
    }
    var sheen_color = vec3<f32>(0.0);
    var sheen_roughness = 0.0;
    if has_sheen {
        sheen_color = material.sheen.rgb * sample_if_any(sheen_color_texture, sheen_sampler, slots[SLOT_SHEEN_COLOR], in.uv0, in.uv1, g).rgb;
        sheen_roughness = material.sheen.w * sample_if_any(sheen_roughness_texture, sheen_sampler, slots[SLOT_SHEEN_ROUGHNESS], in.uv0, in.uv1, g).a;
    }
    let sheen_strength = max(sheen_color.r, max(sheen_color.g, sheen_color.b));
    var coat = vec3<f32>(0.0);
    // Compiled in only for materials with the layer (see ForwardPass::module).
#ifdef TRANSMISSION
    let has_transmission = (material.flags & MATERIAL_TRANSMISSION) != 0u;
#else
    let has_transmission = false;
#endif
    var transmission = 0.0;
    var thickness = 0.0;
    if has_transmission {
        transmission = material.transmission.x * sample_if_any(transmission_texture, transmission_sampler, slots[SLOT_TRANSMISSION], in.uv0, in.uv1, g).r;
        thickness = material.transmission.y * sample_if_any(thickness_texture, transmission_sampler, slots[SLOT_THICKNESS], in.uv0, in.uv1, g).g;
    }
    let ior = material.transmission.z;
    // A thin film (KHR_materials_iridescence) and anisotropy (KHR_materials_anisotropy)
    // change the base lobe itself; materials without either take the plain BRDF.
#ifdef IRIDESCENCE
    let has_iridescence = (material.flags & MATERIAL_IRIDESCENCE) != 0u;
#else
    let has_iridescence = false;
#endif
#ifdef ANISOTROPY
    let has_anisotropy = (material.flags & MATERIAL_ANISOTROPY) != 0u;
#else
    let has_anisotropy = false;
#endif
    var film = ThinFilm(vec3<f32>(0.0), vec3<f32>(0.0), 0.0);
    if has_iridescence {
        let factor = material.iridescence.x * sample_if_any(iridescence_texture, iridescence_sampler, slots[SLOT_IRIDESCENCE], in.uv0, in.uv1, g).r;
        var film_thickness = material.iridescence.w;
        if has_texture(slots[SLOT_IRIDESCENCE_THICKNESS]) {
            let texel = sample_slot(iridescence_thickness_texture, iridescence_sampler, slots[SLOT_IRIDESCENCE_THICKNESS], in.uv0, in.uv1, g).g;
            film_thickness = mix(material.iridescence.z, material.iridescence.w, texel);
        }
        if film_thickness > 0.0 {
            film = ThinFilm(
                iridescent_fresnel(material.iridescence.y, n_dot_v, film_thickness, f0_dielectric),
                iridescent_fresnel(material.iridescence.y, n_dot_v, film_thickness, base.rgb),
                factor,
            );
        }
    }
    var anisotropic = Anisotropic(front_t, front_b, 0.0);
    if has_anisotropy {
        var direction = vec2<f32>(1.0, 0.0);
        var strength = material.anisotropy.x;
        if has_texture(slots[SLOT_ANISOTROPY]) {
            let texel = sample_slot(anisotropy_texture, anisotropy_sampler, slots[SLOT_ANISOTROPY], in.uv0, in.uv1, g).rgb;
            direction = texel.rg * 2.0 - 1.0;
            strength *= texel.b;
        }
        let c = material.anisotropy.y;
        let s = material.anisotropy.z;
        direction = vec2<f32>(c * direction.x - s * direction.y, s * direction.x + c * direction.y);
        // In the shading frame (which turns with back faces).
        let along = normalize((front_t * direction.x + front_b * direction.y) * side);
        anisotropic = Anisotropic(along, cross(geometric, along), clamp(strength, 0.0, 1.0));
    }
    let layered = (has_iridescence || has_anisotropy) && (film.factor > 0.0 || anisotropic.strength > 0.0);
    let view_depth = -dot(vec4<f32>(camera.view[0].z, camera.view[1].z, camera.view[2].z, camera.view[3].z), vec4<f32>(in.world_position, 1.0));
    var color = vec3<f32>(0.0);
    // The pixel's cluster's lights and the directional ones (all of them when clustering
    // is off).
    let shading = pixel_lights(in.clip.xy, view_depth, camera.light_count);
    for (var k = 0u; k < shading.total; k++) {
        let i = pixel_light(shading, k);
        let light = incoming(lights[i], in.world_position);
        // Outside a spot's cone or past a light's range nothing arrives: skip the BRDF
        // (venues have a spot per exhibit, and any one point sees few of them).
        if all(light.irradiance == vec3<f32>(0.0)) {
            continue;
        }
        var parts: BrdfParts;
        if layered {
            parts = brdf_cosine_layered(surface, n, v, light.l, film, anisotropic);
        } else {
            parts = brdf_cosine(surface, n, v, light.l);
        }
        if has_transmission {
            // Light through the surface takes the share of the dielectric's diffuse lobe.
            let f_dielectric = dielectric_fresnel(surface, abs(dot(v, normalize(light.l + v))));
            let through = (1.0 - metallic) * (vec3<f32>(1.0) - f_dielectric) * transmission_lobe(surface, ior, n, v, light.l);
            parts.diffuse = mix(parts.diffuse, through, transmission);
        }
        var lit = 1.0;
        // Compiled in only when the frame has shadow maps (see ForwardPass::module).
#ifdef SHADOWS
        if lights[i].shadow != 0u && dot(parts.diffuse + parts.specular, vec3<f32>(1.0)) > 0.0 {
            let toward = select(-geometric, geometric, dot(geometric, light.l) >= 0.0);
            lit = light_shadow(lights[i], in.world_position, toward, view_depth);
        }
#endif
        var reflected = parts.diffuse + parts.specular * energy;
        if has_sheen {
            // The sheen takes the energy it reflects from the layer below (the albedo
            // scaling of the extension's reference implementation).
            let n_dot_l = clamp(dot(n, light.l), 0.0, 1.0);
            let scaling = min(1.0 - sheen_strength * sheen_albedo(n_dot_v, sheen_roughness), 1.0 - sheen_strength * sheen_albedo(n_dot_l, sheen_roughness));
            reflected = sheen_color * sheen_cosine(sheen_roughness, n, v, light.l) + reflected * scaling;
        }
        color += reflected * light.irradiance * lit;
        if coat_factor > 0.0 {
            coat += clearcoat_cosine(coat_roughness * coat_roughness, coat_n, v, light.l) * light.irradiance * lit;
        }
    }

    // The environment, by the split sum: prefiltered radiance times the directional
    // albedo for the specular lobe, the irradiance harmonics for the diffuse one.
    // The material's occlusion and the screen-space one (1 when that is off): diffuse
    // light takes the smaller, specular light the material's times the specular
    // occlusion derived from the screen-space term (Lagarde and de Rousiers 2014).
    let occlusion = 1.0 + material.occlusion_strength * (occlusion_sample.r - 1.0);
    let screen = screen_occlusion(in.clip.xy);
    let diffuse_occlusion = min(occlusion, screen);
    let specular_occlusion = occlusion * clamp(pow(n_dot_v + screen, exp2(-16.0 * roughness - 1.0)) - 1.0 + screen, 0.0, 1.0);
    var reflected_direction = reflect(-v, n);
    if anisotropic.strength > 0.0 {
        // The reflection about a normal bent toward the direction across the stretch
        // (as the glTF Sample Renderer reads the environment for anisotropy).
        let across = cross(anisotropic.b, v);
        let bent_toward = cross(across, anisotropic.b);
        let bend = 1.0 - anisotropic.strength * (1.0 - roughness);
        let bend4 = bend * bend * bend * bend;
        reflected_direction = reflect(-v, normalize(mix(bent_toward, n, bend4)));
    }
    // Specular and diffuse light from the room's baked probes (its reflection cube,
    // box-projected; its irradiance grid) where they reach, else the environment.
    let specular_light = ambient_specular(in.world_position, geometric_normal * side, reflected_direction, roughness) * specular_occlusion;
    let diffuse_light = ambient_diffuse(in.world_position, geometric_normal * side, n) * diffuse_occlusion;
    // mix(dielectric, metal, metallic) as for punctual lights, each lobe weighted by its
    // directional albedo (with multiple scattering when that is on); the dielectric's
    // diffuse takes what its specular lobe leaves.
    var f_dielectric = environment_fresnel(surface.f0_dielectric, surface.specular_weight, n_dot_v, roughness, dfg, multiscatter);
    var f_metal = environment_fresnel(surface.base, 1.0, n_dot_v, roughness, dfg, multiscatter);
    var diffuse_weight = vec3<f32>(1.0) - f_dielectric;
    if film.factor > 0.0 {
        // The film's Fresnel replaces the base's (applied to the prefiltered light as it
        // is, as the glTF Sample Renderer does); the dielectric's diffuse keeps what the
        // film's strongest channel leaves.
        let strongest = max(film.dielectric.r, max(film.dielectric.g, film.dielectric.b));
        diffuse_weight = mix(diffuse_weight, vec3<f32>(1.0 - strongest), film.factor);
        f_dielectric = mix(f_dielectric, film.dielectric, film.factor);
        f_metal = mix(f_metal, film.metal, film.factor);
    }
    var diffuse_part = surface.base * diffuse_light;
    var coverage = alpha;
    if has_transmission {
        // KHR_materials_transmission (with KHR_materials_volume's thickness and
        // attenuation): the opaque scene behind, read where the refracted view ray
        // leaves the surface (at the surface itself when it is thin-walled), replaces
        // that share of the diffuse lobe.
        // KHR_materials_dispersion spreads the ior over the three channels, each read
        // where its own ray leaves (only through a volume: a thin wall bends nothing).
        let spread = select(0.0, (ior - 1.0) * 0.025 * material.transmission.w, thickness > 0.0);
        var behind = vec4<f32>(0.0);
        var ray_length = 0.0;
        let channels = select(1, 3, spread > 0.0);
        for (var channel = 0; channel < channels; channel++) {
            let channel_ior = ior + spread * f32(channel - 1);
            var ray = vec3<f32>(0.0);
            if thickness > 0.0 {
                ray = normalize(refract(-v, n, 1.0 / channel_ior)) * thickness;
            }
            ray_length = length(ray);
            let exit = camera.view_proj * vec4<f32>(in.world_position + ray, 1.0);
            let uv = exit.xy / exit.w * vec2<f32>(0.5, -0.5) + 0.5;
            let sample = transmitted_light(uv, roughness, channel_ior);
            if channels == 1 {
                behind = sample;
            } else {
                behind[channel] = sample[channel];
                behind.a += sample.a / 3.0;
            }
        }
        var through = behind.rgb;
        let attenuation = material.attenuation;
        if attenuation.w > 0.0 && thickness > 0.0 {
            through *= pow(attenuation.rgb, vec3<f32>(ray_length / attenuation.w));
        }
        let reflectance = surface.f0_dielectric * surface.specular_weight * dfg.x + surface.specular_weight * dfg.y;
        let weight = (vec3<f32>(1.0) - reflectance) * surface.base;
        diffuse_part = mix(diffuse_part, weight * through, transmission);
        // Where nothing opaque lies behind, the background shows through: the tone
        // mapper adds it by the coverage left below 1.
        let shown = (1.0 - metallic) * diffuse_weight * transmission * weight * (1.0 - behind.a);
        coverage = alpha * (1.0 - dot(shown, vec3<f32>(1.0 / 3.0)));
    }
    var ambient = mix(f_dielectric, f_metal, metallic) * specular_light
        + (1.0 - metallic) * diffuse_weight * diffuse_part;
    if has_sheen {
        // The sheen lobe lit by the environment prefiltered at its roughness (as Filament
        // does), scaled by its directional albedo.
        let albedo = sheen_albedo(n_dot_v, sheen_roughness);
        let sheen_light = ambient_specular(in.world_position, geometric_normal * side, reflect(-v, n), sheen_roughness) * specular_occlusion;
        ambient = sheen_color * albedo * sheen_light + ambient * (1.0 - sheen_strength * albedo);
    }
    color += ambient;
    color += material.emissive.rgb * emissive_sample.rgb;
    if coat_factor > 0.0 {
        // The coat over everything below it, weighted by its factor and its Fresnel
        // term at the viewing angle (KHR_materials_clearcoat).
        coat += ambient_specular(in.world_position, geometric_normal * side, reflect(-v, coat_n), coat_roughness) * specular_occlusion;
        let coat_n_dot_v = clamp(abs(dot(coat_n, v)), 1e-4, 1.0);
        let coat_fresnel = fresnel_schlick(vec3<f32>(material.clearcoat.z), vec3<f32>(1.0), coat_n_dot_v);
        color = mix(color, coat, coat_factor * coat_fresnel);
    }
    return vec4<f32>(color, coverage);
#endif
}

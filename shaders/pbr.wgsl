// Forward PBR pass: glTF metallic-roughness materials under KHR_lights_punctual lights
// and the image-based environment light, written to the HDR target. Bind groups, from
// the least to the most often changed: 0 the frame, 1 the lighting (museion::lighting),
// 2 a chunk of instances, 3 a material's textures.

#import museion::brdf::{Surface, brdf_cosine, clearcoat_cosine, dielectric_fresnel, fresnel_schlick, normal_reflectance, sheen_cosine, transmission_lobe}
#import museion::constants::{LIGHT_DIRECTIONAL, LIGHT_SPOT, LIGHTING_MULTISCATTER, MATERIAL_ALPHA_BLEND, MATERIAL_ALPHA_MASK, MATERIAL_CLEARCOAT, MATERIAL_SHEEN, MATERIAL_TRANSMISSION, MATERIAL_UNLIT}
#import museion::constants::{SLOT_BASE_COLOR, SLOT_EMISSIVE, SLOT_METALLIC_ROUGHNESS, SLOT_NORMAL, SLOT_OCCLUSION}
#import museion::lighting::{environment_diffuse, environment_fresnel, environment_radiance, light_shadow, lighting, screen_occlusion, sheen_albedo, split_sum, transmitted_light}
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

fn shade(in: VertexOut, front_facing: bool) -> vec4<f32> {
    let material = materials[in.material];
    let slots = material.slots;

    // Sample every slot first, in uniform control flow; empty slots read 1×1 fallbacks.
    let g = uv_gradients(in.uv0, in.uv1);
    let base_sample = sample_slot(base_color_texture, base_color_sampler, slots[SLOT_BASE_COLOR], in.uv0, in.uv1, g);
    let mr_sample = sample_slot(metallic_roughness_texture, metallic_roughness_sampler, slots[SLOT_METALLIC_ROUGHNESS], in.uv0, in.uv1, g);
    let normal_sample = sample_slot(normal_texture, normal_sampler, slots[SLOT_NORMAL], in.uv0, in.uv1, g);
    let occlusion_sample = sample_slot(occlusion_texture, occlusion_sampler, slots[SLOT_OCCLUSION], in.uv0, in.uv1, g);
    let emissive_sample = sample_slot(emissive_texture, emissive_sampler, slots[SLOT_EMISSIVE], in.uv0, in.uv1, g);

    let base = material.base_color * base_sample * in.color;
    if (material.flags & MATERIAL_ALPHA_MASK) != 0u && base.a < material.alpha_cutoff {
        discard;
    }
    let alpha = select(1.0, base.a, (material.flags & MATERIAL_ALPHA_BLEND) != 0u);
    if (material.flags & MATERIAL_UNLIT) != 0u {
        return vec4<f32>(base.rgb, alpha);
    }

    let metallic = clamp(material.metallic * mr_sample.b, 0.0, 1.0);
    let roughness = clamp(material.roughness * mr_sample.g, 0.0, 1.0);
    // KHR_materials_ior and KHR_materials_specular give the dielectric's reflectance.
    let surface = Surface(base.rgb, metallic, roughness, roughness * roughness, material.specular.xyz, material.specular.w);

    // Shading frame; back faces of double-sided materials are lit from their own side:
    // normal, tangent and bitangent all turn round, so a normal map's relief seen from
    // behind is the same relief, not its mirror image.
    let side = select(-1.0, 1.0, front_facing);
    let geometric_normal = normalize(in.normal);
    var n = geometric_normal * side;
    if has_texture(slots[SLOT_NORMAL]) && dot(in.tangent.xyz, in.tangent.xyz) > 0.0 {
        let front_t = normalize(in.tangent.xyz - geometric_normal * dot(geometric_normal, in.tangent.xyz));
        let front_b = cross(geometric_normal, front_t) * in.tangent.w;
        let scale = material.normal_scale;
        let tangent_normal = (normal_sample.xyz * 2.0 - 1.0) * vec3<f32>(scale, scale, 1.0);
        n = normalize((front_t * tangent_normal.x + front_b * tangent_normal.y + geometric_normal * tangent_normal.z) * side);
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
    let has_clearcoat = (material.flags & MATERIAL_CLEARCOAT) != 0u;
    let has_sheen = (material.flags & MATERIAL_SHEEN) != 0u;
    let coat_roughness = material.clearcoat.y;
    let coat_n = geometric;
    let sheen_color = material.sheen.rgb;
    let sheen_roughness = material.sheen.w;
    let sheen_strength = max(sheen_color.r, max(sheen_color.g, sheen_color.b));
    var coat = vec3<f32>(0.0);
    let has_transmission = (material.flags & MATERIAL_TRANSMISSION) != 0u;
    let transmission = material.transmission.x;
    let ior = material.transmission.z;
    let view_depth = -dot(vec4<f32>(camera.view[0].z, camera.view[1].z, camera.view[2].z, camera.view[3].z), vec4<f32>(in.world_position, 1.0));
    var color = vec3<f32>(0.0);
    for (var i = 0u; i < camera.light_count; i++) {
        let light = incoming(lights[i], in.world_position);
        // Outside a spot's cone or past a light's range nothing arrives: skip the BRDF
        // (venues have a spot per exhibit, and any one point sees few of them).
        if all(light.irradiance == vec3<f32>(0.0)) {
            continue;
        }
        var parts = brdf_cosine(surface, n, v, light.l);
        if has_transmission {
            // Light through the surface takes the share of the dielectric's diffuse lobe.
            let f_dielectric = dielectric_fresnel(surface, abs(dot(v, normalize(light.l + v))));
            let through = (1.0 - metallic) * (vec3<f32>(1.0) - f_dielectric) * transmission_lobe(surface, ior, n, v, light.l);
            parts.diffuse = mix(parts.diffuse, through, transmission);
        }
        var lit = 1.0;
        if lights[i].shadow != 0u && dot(parts.diffuse + parts.specular, vec3<f32>(1.0)) > 0.0 {
            let toward = select(-geometric, geometric, dot(geometric, light.l) >= 0.0);
            lit = light_shadow(lights[i], in.world_position, toward, view_depth);
        }
        var reflected = parts.diffuse + parts.specular * energy;
        if has_sheen {
            // The sheen takes the energy it reflects from the layer below (the albedo
            // scaling of the extension's reference implementation).
            let n_dot_l = clamp(dot(n, light.l), 0.0, 1.0);
            let scaling = min(1.0 - sheen_strength * sheen_albedo(n_dot_v, sheen_roughness), 1.0 - sheen_strength * sheen_albedo(n_dot_l, sheen_roughness));
            reflected = sheen_color * sheen_cosine(sheen_roughness, n, v, light.l) + reflected * scaling;
        }
        color += reflected * light.irradiance * lit;
        if has_clearcoat {
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
    let specular_light = environment_radiance(reflect(-v, n), roughness) * specular_occlusion;
    let diffuse_light = environment_diffuse(n) * diffuse_occlusion;
    // mix(dielectric, metal, metallic) as for punctual lights, each lobe weighted by its
    // directional albedo (with multiple scattering when that is on); the dielectric's
    // diffuse takes what its specular lobe leaves.
    let f_dielectric = environment_fresnel(surface.f0_dielectric, surface.specular_weight, n_dot_v, roughness, dfg, multiscatter);
    let f_metal = environment_fresnel(surface.base, 1.0, n_dot_v, roughness, dfg, multiscatter);
    var diffuse_part = surface.base * diffuse_light;
    var coverage = alpha;
    if has_transmission {
        // KHR_materials_transmission (with KHR_materials_volume's thickness and
        // attenuation): the opaque scene behind, read where the refracted view ray
        // leaves the surface (at the surface itself when it is thin-walled), replaces
        // that share of the diffuse lobe.
        let thickness = material.transmission.y;
        var ray = vec3<f32>(0.0);
        if thickness > 0.0 {
            ray = normalize(refract(-v, n, 1.0 / ior)) * thickness;
        }
        let exit = camera.view_proj * vec4<f32>(in.world_position + ray, 1.0);
        let uv = exit.xy / exit.w * vec2<f32>(0.5, -0.5) + 0.5;
        let behind = transmitted_light(uv, roughness, ior);
        var through = behind.rgb;
        let attenuation = material.attenuation;
        if attenuation.w > 0.0 && thickness > 0.0 {
            through *= pow(attenuation.rgb, vec3<f32>(length(ray) / attenuation.w));
        }
        let reflectance = surface.f0_dielectric * surface.specular_weight * dfg.x + surface.specular_weight * dfg.y;
        let weight = (vec3<f32>(1.0) - reflectance) * surface.base;
        diffuse_part = mix(diffuse_part, weight * through, transmission);
        // Where nothing opaque lies behind, the background shows through: the tone
        // mapper adds it by the coverage left below 1.
        let shown = (1.0 - metallic) * (vec3<f32>(1.0) - f_dielectric) * transmission * weight * (1.0 - behind.a);
        coverage = alpha * (1.0 - dot(shown, vec3<f32>(1.0 / 3.0)));
    }
    var ambient = mix(f_dielectric, f_metal, metallic) * specular_light
        + (1.0 - metallic) * (vec3<f32>(1.0) - f_dielectric) * diffuse_part;
    if has_sheen {
        // The sheen lobe lit by the environment prefiltered at its roughness (as Filament
        // does), scaled by its directional albedo.
        let albedo = sheen_albedo(n_dot_v, sheen_roughness);
        let sheen_light = environment_radiance(reflect(-v, n), sheen_roughness) * specular_occlusion;
        ambient = sheen_color * albedo * sheen_light + ambient * (1.0 - sheen_strength * albedo);
    }
    color += ambient;
    color += material.emissive.rgb * emissive_sample.rgb;
    if has_clearcoat {
        // The coat over everything below it, weighted by its factor and its Fresnel
        // term at the viewing angle (KHR_materials_clearcoat).
        coat += environment_radiance(reflect(-v, coat_n), coat_roughness) * specular_occlusion;
        let coat_n_dot_v = clamp(abs(dot(coat_n, v)), 1e-4, 1.0);
        let coat_fresnel = fresnel_schlick(vec3<f32>(material.clearcoat.z), vec3<f32>(1.0), coat_n_dot_v);
        color = mix(color, coat, material.clearcoat.x * coat_fresnel);
    }
    return vec4<f32>(color, coverage);
}

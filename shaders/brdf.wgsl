#define_import_path museion::brdf

#import museion::math::PI

// The glTF 2.0 metallic-roughness BRDF (glTF 2.0 specification, appendix B): GGX
// distribution, height-correlated Smith visibility, Schlick Fresnel, Lambert diffuse,
// and the mix of a dielectric and a metal BRDF by metalness.

// What the BRDF needs to know of a surface point.
struct Surface {
    // Linear base colour: the metal's reflectance, the dielectric's diffuse colour.
    base: vec3<f32>,
    metallic: f32,
    // Perceptual roughness (0 to 1) and the GGX alpha, its square.
    roughness: f32,
    alpha: f32,
    // The dielectric's reflectance at normal incidence: 4% for ior 1.5, changed by
    // KHR_materials_ior and KHR_materials_specular's colour.
    f0_dielectric: vec3<f32>,
    // KHR_materials_specular's factor: scales the dielectric's specular lobe (1 without it).
    specular_weight: f32,
}

// Reflectance at normal incidence of the mixed BRDF.
fn normal_reflectance(s: Surface) -> vec3<f32> {
    return mix(s.f0_dielectric * s.specular_weight, s.base, s.metallic);
}

fn fresnel_schlick(f0: vec3<f32>, f90: vec3<f32>, v_dot_h: f32) -> vec3<f32> {
    return f0 + (f90 - f0) * pow(clamp(1.0 - v_dot_h, 0.0, 1.0), 5.0);
}

// The dielectric's Fresnel term, which also weights its diffuse lobe.
fn dielectric_fresnel(s: Surface, v_dot_h: f32) -> vec3<f32> {
    return fresnel_schlick(s.f0_dielectric * s.specular_weight, vec3<f32>(s.specular_weight), v_dot_h);
}

// The metal's Fresnel term, tinted by the base colour.
fn metal_fresnel(s: Surface, v_dot_h: f32) -> vec3<f32> {
    return fresnel_schlick(s.base, vec3<f32>(1.0), v_dot_h);
}

// D: GGX / Trowbridge-Reitz normal distribution, alpha = roughness². A mirror (alpha 0)
// reflects a punctual light in no direction that has area: D is 0 there.
fn distribution_ggx(n_dot_h: f32, alpha: f32) -> f32 {
    let a2 = alpha * alpha;
    let f = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return select(0.0, a2 / (PI * f * f), f > 0.0);
}

// V = G / (4 |n·l| |n·v|) for the height-correlated Smith masking-shadowing term.
fn visibility_smith_ggx_correlated(n_dot_l: f32, n_dot_v: f32, alpha: f32) -> f32 {
    let a2 = alpha * alpha;
    let ggx_v = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
    let ggx_l = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
    let sum = ggx_v + ggx_l;
    return select(0.0, 0.5 / sum, sum > 0.0);
}

// The BRDF times n·l, in its diffuse and specular parts: what one unit of incoming
// irradiance from direction l reflects toward v.
struct BrdfParts {
    diffuse: vec3<f32>,
    specular: vec3<f32>,
}

// `mix(dielectric_brdf, metal_brdf, metallic)` as the specification defines it: the
// dielectric's diffuse lobe is weighted by the dielectric's own Fresnel term, not by the
// Fresnel of the mixed reflectance.
fn brdf_cosine(s: Surface, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>) -> BrdfParts {
    var parts = BrdfParts(vec3<f32>(0.0), vec3<f32>(0.0));
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return parts;
    }
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let h = normalize(l + v);
    let n_dot_h = clamp(dot(n, h), 0.0, 1.0);
    let v_dot_h = clamp(dot(v, h), 0.0, 1.0);
    let f_dielectric = dielectric_fresnel(s, v_dot_h);
    let f = mix(f_dielectric, metal_fresnel(s, v_dot_h), s.metallic);
    parts.diffuse = (1.0 - s.metallic) * (vec3<f32>(1.0) - f_dielectric) * s.base / PI * n_dot_l;
    parts.specular = f * distribution_ggx(n_dot_h, s.alpha) * visibility_smith_ggx_correlated(n_dot_l, n_dot_v, s.alpha) * n_dot_l;
    return parts;
}

// ---- KHR_materials_clearcoat ----

// The clear coat's specular lobe times n·l, without its Fresnel term: the layer is
// blended over the base by factor × Fresnel once all light is summed (as the glTF Sample
// Renderer does).
fn clearcoat_cosine(alpha: f32, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>) -> f32 {
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return 0.0;
    }
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let n_dot_h = clamp(dot(n, normalize(l + v)), 0.0, 1.0);
    return distribution_ggx(n_dot_h, alpha) * visibility_smith_ggx_correlated(n_dot_l, n_dot_v, alpha) * n_dot_l;
}

// ---- KHR_materials_sheen: the Charlie sheen of Estevez and Kulla (2017) ----

// The Charlie distribution for perceptual sheen roughness `roughness`.
fn distribution_charlie(roughness: f32, n_dot_h: f32) -> f32 {
    let alpha = max(roughness, 1e-6) * max(roughness, 1e-6);
    let inverse = 1.0 / alpha;
    let sin2 = max(1.0 - n_dot_h * n_dot_h, 0.0);
    return (2.0 + inverse) * pow(sin2, inverse * 0.5) / (2.0 * PI);
}

// The fitted exponent of the sheen's masking term (Estevez and Kulla, table 1).
fn sheen_lambda_fit(x: f32, alpha: f32) -> f32 {
    let t = (1.0 - alpha) * (1.0 - alpha);
    let a = mix(21.5473, 25.3245, t);
    let b = mix(3.82987, 3.32435, t);
    let c = mix(0.19823, 0.16801, t);
    let d = mix(-1.97760, -1.27393, t);
    let e = mix(-4.32054, -4.85967, t);
    return a / (1.0 + b * pow(x, c)) + d * x + e;
}

fn sheen_lambda(cos_theta: f32, alpha: f32) -> f32 {
    if abs(cos_theta) < 0.5 {
        return exp(sheen_lambda_fit(cos_theta, alpha));
    }
    return exp(2.0 * sheen_lambda_fit(0.5, alpha) - sheen_lambda_fit(1.0 - cos_theta, alpha));
}

// The sheen's visibility term.
fn visibility_sheen(n_dot_l: f32, n_dot_v: f32, roughness: f32) -> f32 {
    let alpha = max(roughness, 1e-6) * max(roughness, 1e-6);
    let denominator = (1.0 + sheen_lambda(n_dot_v, alpha) + sheen_lambda(n_dot_l, alpha)) * (4.0 * n_dot_v * n_dot_l);
    return clamp(1.0 / max(denominator, 1e-6), 0.0, 1.0);
}

// The sheen lobe (white) times n·l.
fn sheen_cosine(roughness: f32, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>) -> f32 {
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return 0.0;
    }
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let n_dot_h = clamp(dot(n, normalize(l + v)), 0.0, 1.0);
    return distribution_charlie(roughness, n_dot_h) * visibility_sheen(n_dot_l, n_dot_v, roughness) * n_dot_l;
}

// ---- KHR_materials_transmission ----

// Light from a punctual source through a thin transmissive surface toward the viewer:
// the GGX lobe around the light's direction mirrored through the surface, tinted by the
// base colour, with the roughness widened by the ior (as the glTF Sample Renderer does).
fn transmission_lobe(s: Surface, ior: f32, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>) -> vec3<f32> {
    let roughness = s.roughness * clamp(ior * 2.0 - 2.0, 0.0, 1.0);
    let alpha = roughness * roughness;
    let mirrored = normalize(l + 2.0 * n * dot(-l, n));
    let h = normalize(mirrored + v);
    let d = distribution_ggx(clamp(dot(n, h), 0.0, 1.0), alpha);
    let vis = visibility_smith_ggx_correlated(clamp(dot(n, mirrored), 0.0, 1.0), clamp(abs(dot(n, v)), 1e-4, 1.0), alpha);
    return s.base * d * vis;
}

#define_import_path museion::brdf

#import museion::math::PI

// The glTF 2.0 metallic-roughness BRDF (glTF 2.0 specification, appendix B): GGX
// distribution, height-correlated Smith visibility, Schlick Fresnel, Lambert diffuse.

// Reflectance at normal incidence: 4% for dielectrics, the base colour for metals.
fn normal_reflectance(base_color: vec3<f32>, metallic: f32) -> vec3<f32> {
    return mix(vec3<f32>(0.04), base_color, metallic);
}

// The colour of the diffuse lobe: metals have none.
fn diffuse_color(base_color: vec3<f32>, metallic: f32) -> vec3<f32> {
    return mix(base_color, vec3<f32>(0.0), metallic);
}

fn fresnel_schlick(f0: vec3<f32>, v_dot_h: f32) -> vec3<f32> {
    return f0 + (vec3<f32>(1.0) - f0) * pow(clamp(1.0 - v_dot_h, 0.0, 1.0), 5.0);
}

// D: GGX / Trowbridge-Reitz normal distribution, alpha = roughness².
fn distribution_ggx(n_dot_h: f32, alpha: f32) -> f32 {
    let a2 = alpha * alpha;
    let f = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return a2 / (PI * f * f);
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

fn brdf_cosine(
    base_color: vec3<f32>,
    metallic: f32,
    roughness: f32,
    n: vec3<f32>,
    v: vec3<f32>,
    l: vec3<f32>,
) -> BrdfParts {
    var parts = BrdfParts(vec3<f32>(0.0), vec3<f32>(0.0));
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return parts;
    }
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let h = normalize(l + v);
    let n_dot_h = clamp(dot(n, h), 0.0, 1.0);
    let v_dot_h = clamp(dot(v, h), 0.0, 1.0);
    let alpha = roughness * roughness;
    let f0 = normal_reflectance(base_color, metallic);
    let c_diffuse = diffuse_color(base_color, metallic);
    let f = fresnel_schlick(f0, v_dot_h);
    parts.diffuse = (vec3<f32>(1.0) - f) * c_diffuse / PI * n_dot_l;
    parts.specular = f * distribution_ggx(n_dot_h, alpha) * visibility_smith_ggx_correlated(n_dot_l, n_dot_v, alpha) * n_dot_l;
    return parts;
}

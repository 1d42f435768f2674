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

// ---- KHR_materials_anisotropy ----

// The anisotropic frame: the direction along which the lobe stretches (tangent t), the
// one across it (bitangent b), and the strength (0: isotropic).
struct Anisotropic {
    t: vec3<f32>,
    b: vec3<f32>,
    strength: f32,
}

// The anisotropic GGX lobe (D × V) times n·l, without Fresnel, with the roughness along
// the tangent widened by the strength (the extension's definition, as the glTF Sample
// Renderer implements it).
fn anisotropic_lobe(alpha: f32, a: Anisotropic, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>) -> f32 {
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return 0.0;
    }
    let h = normalize(l + v);
    let at = mix(alpha, 1.0, a.strength * a.strength);
    let ab = clamp(alpha, 0.001, 1.0);
    let n_dot_h = clamp(dot(n, h), 0.001, 1.0);
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    // D
    let a2 = at * ab;
    let f = vec3<f32>(ab * dot(a.t, h), at * dot(a.b, h), a2 * n_dot_h);
    let w2 = a2 / dot(f, f);
    let d = a2 * w2 * w2 / PI;
    // V, height-correlated
    let ggx_v = n_dot_l * length(vec3<f32>(at * dot(a.t, v), ab * dot(a.b, v), n_dot_v));
    let ggx_l = n_dot_v * length(vec3<f32>(at * dot(a.t, l), ab * dot(a.b, l), n_dot_l));
    let vis = clamp(0.5 / (ggx_v + ggx_l), 0.0, 1.0);
    return d * vis * n_dot_l;
}

// ---- KHR_materials_iridescence: the thin-film Fresnel of Belcour and Barla (2017) ----

const XYZ_TO_REC709: mat3x3<f32> = mat3x3<f32>(
    vec3<f32>(3.2404542, -0.9692660, 0.0556434),
    vec3<f32>(-1.5371385, 1.8760108, -0.2040259),
    vec3<f32>(-0.4985314, 0.0415560, 1.0572252),
);

fn ior_to_f0(transmitted: vec3<f32>, incident: f32) -> vec3<f32> {
    let r = (transmitted - vec3<f32>(incident)) / (transmitted + vec3<f32>(incident));
    return r * r;
}

// The sensitivity of the eye's colour matching to an optical path difference (nm), as a
// Fourier term of Gaussian fits, in linear Rec. 709.
fn film_sensitivity(opd: f32, shift: vec3<f32>) -> vec3<f32> {
    let phase = 2.0 * PI * opd * 1.0e-9;
    let val = vec3<f32>(5.4856e-13, 4.4201e-13, 5.2481e-13);
    let pos = vec3<f32>(1.6810e+06, 1.7953e+06, 2.2084e+06);
    let spread = vec3<f32>(4.3278e+09, 9.3046e+09, 6.6121e+09);
    var xyz = val * sqrt(2.0 * PI * spread) * cos(pos * phase + shift) * exp(-phase * phase * spread);
    xyz.x += 9.7470e-14 * sqrt(2.0 * PI * 4.5282e+09) * cos(2.2399e+06 * phase + shift.x) * exp(-4.5282e+09 * phase * phase);
    return XYZ_TO_REC709 * (xyz / 1.0685e-7);
}

// The Fresnel reflectance of a film of index `film_ior` and `thickness` nm over a base of
// reflectance `base_f0`, seen from air at cos θ = `cos_theta`.
fn iridescent_fresnel(film_ior_in: f32, cos_theta: f32, thickness: f32, base_f0: vec3<f32>) -> vec3<f32> {
    // A film thinner than 30 nm fades into the base.
    let film_ior = mix(1.0, film_ior_in, smoothstep(0.0, 0.03, thickness));
    let sin2_t2 = (1.0 / (film_ior * film_ior)) * (1.0 - cos_theta * cos_theta);
    let cos2_t2 = 1.0 - sin2_t2;
    if cos2_t2 < 0.0 {
        return vec3<f32>(1.0);
    }
    let cos_t2 = sqrt(cos2_t2);
    let r0 = ior_to_f0(vec3<f32>(film_ior), 1.0).x;
    let r12 = r0 + (1.0 - r0) * pow(clamp(1.0 - cos_theta, 0.0, 1.0), 5.0);
    let t121 = 1.0 - r12;
    let phi12 = select(0.0, PI, film_ior < 1.0);
    let phi21 = PI - phi12;
    let sqrt_f0 = sqrt(clamp(base_f0, vec3<f32>(0.0), vec3<f32>(0.9999)));
    let base_ior = (vec3<f32>(1.0) + sqrt_f0) / (vec3<f32>(1.0) - sqrt_f0);
    let r1 = ior_to_f0(base_ior, film_ior);
    let r23 = r1 + (vec3<f32>(1.0) - r1) * pow(clamp(1.0 - cos_t2, 0.0, 1.0), 5.0);
    let phi23 = select(vec3<f32>(0.0), vec3<f32>(PI), base_ior < vec3<f32>(film_ior));
    let opd = 2.0 * film_ior * thickness * cos_t2;
    let phi = vec3<f32>(phi21) + phi23;
    let r123 = clamp(r12 * r23, vec3<f32>(1e-5), vec3<f32>(0.9999));
    let rs = t121 * t121 * r23 / (vec3<f32>(1.0) - r123);
    var result = r12 + rs;
    var cm = rs - t121;
    for (var m = 1; m <= 2; m++) {
        cm *= sqrt(r123);
        result += cm * 2.0 * film_sensitivity(f32(m) * opd, f32(m) * phi);
    }
    return max(result, vec3<f32>(0.0));
}

// What a thin film does to the BRDF at one point: its Fresnel over the dielectric and
// over the metal (both at the viewing angle), and its strength (0: no film).
struct ThinFilm {
    dielectric: vec3<f32>,
    metal: vec3<f32>,
    factor: f32,
}

// `brdf_cosine` with the layers that change the base lobe itself: a thin film replaces
// both Fresnel terms by its own (the dielectric's diffuse keeping what its strongest
// channel leaves), and anisotropy replaces the GGX lobe.
fn brdf_cosine_layered(s: Surface, n: vec3<f32>, v: vec3<f32>, l: vec3<f32>, film: ThinFilm, a: Anisotropic) -> BrdfParts {
    var parts = BrdfParts(vec3<f32>(0.0), vec3<f32>(0.0));
    let n_dot_l = clamp(dot(n, l), 0.0, 1.0);
    if n_dot_l <= 0.0 {
        return parts;
    }
    let n_dot_v = clamp(abs(dot(n, v)), 1e-4, 1.0);
    let h = normalize(l + v);
    let v_dot_h = clamp(dot(v, h), 0.0, 1.0);
    let f_dielectric = mix(dielectric_fresnel(s, v_dot_h), film.dielectric, film.factor);
    let f_metal = mix(metal_fresnel(s, v_dot_h), film.metal, film.factor);
    let diffuse_weight = mix(vec3<f32>(1.0) - dielectric_fresnel(s, v_dot_h), vec3<f32>(1.0 - max(film.dielectric.r, max(film.dielectric.g, film.dielectric.b))), film.factor);
    var lobe = 0.0;
    if a.strength > 0.0 {
        lobe = anisotropic_lobe(s.alpha, a, n, v, l);
    } else {
        lobe = distribution_ggx(clamp(dot(n, h), 0.0, 1.0), s.alpha) * visibility_smith_ggx_correlated(n_dot_l, n_dot_v, s.alpha) * n_dot_l;
    }
    parts.diffuse = (1.0 - s.metallic) * diffuse_weight * s.base / PI * n_dot_l;
    parts.specular = mix(f_dielectric, f_metal, s.metallic) * lobe;
    return parts;
}

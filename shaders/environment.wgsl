// Image-based lighting, baked on the GPU at load time: an equirectangular image becomes
// a cube map with a full mip chain, then a GGX-prefiltered specular chain (importance
// sampled), a Lambertian-filtered irradiance cube (integrated exactly over the texels of a
// small level), and the split-sum BRDF table.
//
// Directions: an equirectangular image's centre column looks toward -Z, its top row is
// +Y. Cube faces are +X, -X, +Y, -Y, +Z, -Z in the layer order and texel orientation
// that cube sampling uses.

#import museion::brdf::{distribution_ggx, sheen_cosine, visibility_smith_ggx_correlated}
#import museion::constants::IMAGE_TILE
#import museion::math::PI
#import museion::shared::Bake

@group(0) @binding(0) var<uniform> bake: Bake;

// The world direction through texel centre `texel` of cube face `face` (size texels).
fn cube_direction(face: u32, texel: vec2<u32>, size: u32) -> vec3<f32> {
    let uv = (vec2<f32>(texel) + 0.5) / f32(size) * 2.0 - 1.0;
    let u = uv.x;
    let v = uv.y;
    var d: vec3<f32>;
    switch face {
        case 0u: { d = vec3<f32>(1.0, -v, -u); }
        case 1u: { d = vec3<f32>(-1.0, -v, u); }
        case 2u: { d = vec3<f32>(u, 1.0, v); }
        case 3u: { d = vec3<f32>(u, -1.0, -v); }
        case 4u: { d = vec3<f32>(u, -v, 1.0); }
        default: { d = vec3<f32>(-u, -v, -1.0); }
    }
    return normalize(d);
}

// Van der Corput radical inverse: the second coordinate of the Hammersley set.
fn radical_inverse(bits_in: u32) -> f32 {
    var bits = (bits_in << 16u) | (bits_in >> 16u);
    bits = ((bits & 0x55555555u) << 1u) | ((bits & 0xAAAAAAAAu) >> 1u);
    bits = ((bits & 0x33333333u) << 2u) | ((bits & 0xCCCCCCCCu) >> 2u);
    bits = ((bits & 0x0F0F0F0Fu) << 4u) | ((bits & 0xF0F0F0F0u) >> 4u);
    bits = ((bits & 0x00FF00FFu) << 8u) | ((bits & 0xFF00FF00u) >> 8u);
    return f32(bits) * 2.3283064365386963e-10;
}

fn hammersley(i: u32, n: u32) -> vec2<f32> {
    return vec2<f32>(f32(i) / f32(n), radical_inverse(i));
}

// A half vector drawn from the GGX distribution (times n·h) around +Z.
fn sample_ggx(xi: vec2<f32>, alpha: f32) -> vec3<f32> {
    let phi = 2.0 * PI * xi.x;
    let cos_theta = sqrt((1.0 - xi.y) / (1.0 + (alpha * alpha - 1.0) * xi.y));
    let sin_theta = sqrt(max(1.0 - cos_theta * cos_theta, 0.0));
    return vec3<f32>(sin_theta * cos(phi), sin_theta * sin(phi), cos_theta);
}

// `local` (around +Z) turned into the frame whose Z is `n`.
fn to_world(local: vec3<f32>, n: vec3<f32>) -> vec3<f32> {
    let up = select(vec3<f32>(1.0, 0.0, 0.0), vec3<f32>(0.0, 0.0, 1.0), abs(n.z) < 0.999);
    let t = normalize(cross(up, n));
    let b = cross(n, t);
    return t * local.x + b * local.y + n * local.z;
}

// ---- equirectangular image to cube map ----

@group(0) @binding(1) var equirect: texture_2d<f32>;
@group(0) @binding(2) var cube_out: texture_storage_2d_array<rgba16float, write>;

fn equirect_texel(x: i32, y: i32) -> vec3<f32> {
    let w = i32(bake.source_width);
    let h = i32(bake.source_height);
    let wrapped = ((x % w) + w) % w;
    return textureLoad(equirect, vec2<i32>(wrapped, clamp(y, 0, h - 1)), 0).rgb;
}

// Bilinear lookup of the equirectangular image in direction `d`, wrapping around in
// longitude.
fn equirect_sample(d: vec3<f32>) -> vec3<f32> {
    let u = atan2(d.x, -d.z) / (2.0 * PI) + 0.5;
    let v = acos(clamp(d.y, -1.0, 1.0)) / PI;
    let p = vec2<f32>(u * f32(bake.source_width), v * f32(bake.source_height)) - 0.5;
    let base = floor(p);
    let f = p - base;
    let x = i32(base.x);
    let y = i32(base.y);
    let top = mix(equirect_texel(x, y), equirect_texel(x + 1, y), f.x);
    let bottom = mix(equirect_texel(x, y + 1), equirect_texel(x + 1, y + 1), f.x);
    return mix(top, bottom, f.y);
}

@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE, 1)
fn equirect_to_cube(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x >= bake.size || id.y >= bake.size {
        return;
    }
    let d = cube_direction(id.z, id.xy, bake.size);
    // Clamped to what half floats hold.
    let color = min(equirect_sample(d), vec3<f32>(65000.0));
    textureStore(cube_out, id.xy, id.z, vec4<f32>(color, 1.0));
}

// ---- cube mip chain: each texel the mean of four ----

@group(0) @binding(3) var cube_level: texture_2d_array<f32>;

@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE, 1)
fn downsample_cube(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x >= bake.size || id.y >= bake.size {
        return;
    }
    let p = vec2<i32>(id.xy) * 2;
    let layer = i32(id.z);
    let sum = textureLoad(cube_level, p, layer, 0) + textureLoad(cube_level, p + vec2<i32>(1, 0), layer, 0)
        + textureLoad(cube_level, p + vec2<i32>(0, 1), layer, 0) + textureLoad(cube_level, p + vec2<i32>(1, 1), layer, 0);
    textureStore(cube_out, id.xy, id.z, vec4<f32>(sum.rgb * 0.25, 1.0));
}

// ---- GGX prefiltering of one specular level ----

@group(0) @binding(4) var source_cube: texture_cube<f32>;
@group(0) @binding(5) var source_sampler: sampler;

// Karis's split-sum prefilter with the view along the normal, and filtered importance
// sampling (Křivánek and Colbert): each sample reads the source mip whose texels cover
// the solid angle the sample stands for, which removes most of the noise of a few
// dozen samples.
@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE, 1)
fn prefilter(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x >= bake.size || id.y >= bake.size {
        return;
    }
    let n = cube_direction(id.z, id.xy, bake.size);
    let alpha = bake.roughness * bake.roughness;
    let source_texel = 4.0 * PI / (6.0 * f32(bake.source_width * bake.source_width));
    var sum = vec3<f32>(0.0);
    var weight = 0.0;
    for (var i = 0u; i < bake.sample_count; i++) {
        let h = to_world(sample_ggx(hammersley(i, bake.sample_count), alpha), n);
        let l = 2.0 * dot(n, h) * h - n;
        let n_dot_l = dot(n, l);
        if n_dot_l <= 0.0 {
            continue;
        }
        // With v = n, the pdf of l is D(h) / 4.
        let pdf = distribution_ggx(clamp(dot(n, h), 0.0, 1.0), alpha) * 0.25;
        let sample_angle = 1.0 / (f32(bake.sample_count) * pdf + 1e-6);
        let lod = max(0.5 * log2(sample_angle / source_texel) + 1.0, 0.0);
        sum += textureSampleLevel(source_cube, source_sampler, l, lod).rgb * n_dot_l;
        weight += n_dot_l;
    }
    textureStore(cube_out, id.xy, id.z, vec4<f32>(sum / max(weight, 1e-6), 1.0));
}

// ---- the Lambertian irradiance cube ----

fn area_element(x: f32, y: f32) -> f32 {
    return atan2(x * y, sqrt(x * x + y * y + 1.0));
}

// Solid angle of texel `texel` of a cube face of `size` texels.
fn texel_solid_angle(texel: vec2<u32>, size: u32) -> f32 {
    let inv = 1.0 / f32(size);
    let uv = (vec2<f32>(texel) + 0.5) * 2.0 * inv - 1.0;
    let x0 = uv.x - inv;
    let x1 = uv.x + inv;
    let y0 = uv.y - inv;
    let y1 = uv.y + inv;
    return area_element(x0, y0) - area_element(x0, y1) - area_element(x1, y0) + area_element(x1, y1);
}

// `radiance` of texel `texel` of face `face` of the source level, weighted by the clamped
// cosine `cosine` (times the texel's solid angle).
fn irradiance_term(texel: vec2<i32>, face: i32, cosine: f32) -> vec3<f32> {
    return textureLoad(cube_level, texel, face, 0).rgb * max(cosine, 0.0);
}

// Each texel of one face of the irradiance cube (`bake.size` texels a side, the face
// `id.z`) gets E(n) / π, the radiance a white Lambertian surface facing its direction n
// reflects: the clamped-cosine integral over every texel of a small source level
// (`bake.source_width` texels a side), each weighted by its exact solid angle, the solid
// angles normalised to sum to 4π. No sampling: the integral is exact over the texels.
//
// A texel (x, y) has the same solid angle on every face and its direction (as
// `cube_direction` has it, before normalising) the same length, so both are worked out
// once for the six faces; n·d is written out per face.
@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE, 1)
fn irradiance(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x >= bake.size || id.y >= bake.size {
        return;
    }
    let n = cube_direction(id.z, id.xy, bake.size);
    let size = bake.source_width;
    var sum = vec3<f32>(0.0);
    var total = 0.0;
    for (var y = 0u; y < size; y++) {
        for (var x = 0u; x < size; x++) {
            let texel = vec2<u32>(x, y);
            let uv = (vec2<f32>(texel) + 0.5) / f32(size) * 2.0 - 1.0;
            let u = uv.x;
            let v = uv.y;
            let angle = texel_solid_angle(texel, size);
            // Solid angle over the length of the unnormalised direction, which turns
            // n·d into the cosine.
            let w = angle * inverseSqrt(1.0 + u * u + v * v);
            let t = vec2<i32>(texel);
            var face_sum = irradiance_term(t, 0, n.x - n.y * v - n.z * u);
            face_sum += irradiance_term(t, 1, -n.x - n.y * v + n.z * u);
            face_sum += irradiance_term(t, 2, n.x * u + n.y + n.z * v);
            face_sum += irradiance_term(t, 3, n.x * u - n.y - n.z * v);
            face_sum += irradiance_term(t, 4, n.x * u - n.y * v + n.z);
            face_sum += irradiance_term(t, 5, -n.x * u - n.y * v - n.z);
            sum += face_sum * w;
            total += angle;
        }
    }
    // E / π = (1 / π) Σ L cos ω, with Σ ω (six faces) scaled to 4π.
    textureStore(cube_out, id.xy, id.z, vec4<f32>(sum * (4.0 / (6.0 * total)), 1.0));
}

// ---- the split-sum BRDF table ----

@group(0) @binding(7) var table_out: texture_storage_2d<rgba16float, write>;

// For n·v along x and perceptual roughness along y (texel centres), the scale (r) and
// bias (g) that turn F0 into the GGX directional albedo: E = F0 * r + g; and (b) the
// directional albedo of a white Charlie sheen lobe of that roughness
// (KHR_materials_sheen), integrated over uniformly drawn directions.
@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE, 1)
fn brdf_table(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x >= bake.size || id.y >= bake.size {
        return;
    }
    // Samples at n·v and roughness i / (size - 1), as `split_sum` reads them; n·v stays
    // just above 0 so that v has a direction.
    let last = f32(max(bake.size, 2u) - 1u);
    let n_dot_v = max(f32(id.x) / last, 1e-4);
    let roughness = f32(id.y) / last;
    let alpha = roughness * roughness;
    let v = vec3<f32>(sqrt(1.0 - n_dot_v * n_dot_v), 0.0, n_dot_v);
    var scale = 0.0;
    var bias = 0.0;
    for (var i = 0u; i < bake.sample_count; i++) {
        let h = sample_ggx(hammersley(i, bake.sample_count), alpha);
        let l = 2.0 * dot(v, h) * h - v;
        let n_dot_l = l.z;
        if n_dot_l <= 0.0 {
            continue;
        }
        let n_dot_h = max(h.z, 0.0);
        let v_dot_h = max(dot(v, h), 0.0);
        // BRDF × n·l ÷ pdf, with pdf = D n·h / (4 v·h) and BRDF = D V F.
        let g = visibility_smith_ggx_correlated(n_dot_l, n_dot_v, alpha) * 4.0 * n_dot_l * v_dot_h / max(n_dot_h, 1e-6);
        let fc = pow(1.0 - v_dot_h, 5.0);
        scale += (1.0 - fc) * g;
        bias += fc * g;
    }
    var sheen = 0.0;
    for (var i = 0u; i < bake.sample_count; i++) {
        let xi = hammersley(i, bake.sample_count);
        let cos_theta = xi.y;
        let sin_theta = sqrt(max(1.0 - cos_theta * cos_theta, 0.0));
        let l = vec3<f32>(sin_theta * cos(2.0 * PI * xi.x), sin_theta * sin(2.0 * PI * xi.x), cos_theta);
        // pdf 1 / 2π.
        sheen += sheen_cosine(roughness, vec3<f32>(0.0, 0.0, 1.0), v, l) * 2.0 * PI;
    }
    let n = f32(bake.sample_count);
    textureStore(table_out, id.xy, vec4<f32>(scale / n, bias / n, sheen / n, 1.0));
}

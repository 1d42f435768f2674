// Screen-space ambient occlusion: ground-truth AO (Jimenez et al. 2016, "Practical
// Realtime Strategies for Accurate Indirect Occlusion", as XeGTAO arranges it) from the
// depth prepass and its view-space normals, then an edge-aware denoise.

#import museion::constants::IMAGE_TILE
#import museion::math::PI
#import museion::shared::AoParams

@group(0) @binding(0) var<uniform> ao: AoParams;
@group(0) @binding(1) var depth_texture: texture_depth_2d;
// View-space normal in xyz; w is 1 where geometry was drawn, 0 elsewhere.
@group(0) @binding(2) var normal_texture: texture_2d<f32>;
// cs_gtao writes the raw (noisy, linear) visibility; cs_denoise reads it and writes the
// final term the shading passes multiply ambient light by.
@group(0) @binding(3) var raw_output: texture_storage_2d<r32float, write>;
@group(0) @binding(4) var raw_input: texture_2d<f32>;
@group(0) @binding(5) var denoised_output: texture_storage_2d<r32float, write>;

const HALF_PI: f32 = PI / 2.0;

// The view-space position under pixel `pixel` at depth `depth` (reverse-Z, > 0).
fn view_position(pixel: vec2<i32>, depth: f32) -> vec3<f32> {
    let uv = (vec2<f32>(pixel) + 0.5) / vec2<f32>(ao.size);
    let clip = ao.inverse_projection * vec4<f32>(uv.x * 2.0 - 1.0, 1.0 - uv.y * 2.0, depth, 1.0);
    return clip.xyz / clip.w;
}

fn load_depth(pixel: vec2<i32>) -> f32 {
    let last = vec2<i32>(ao.size) - 1;
    return textureLoad(depth_texture, clamp(pixel, vec2<i32>(0), last), 0);
}

// Distance along the view axis that the search radius is divided by (1 for
// orthographic views, where size on screen does not change with distance).
fn view_distance(p: vec3<f32>) -> f32 {
    return select(max(-p.z, 1e-4), 1.0, ao.orthographic != 0u);
}

// Interleaved gradient noise (Jimenez 2014): a number in [0, 1) per pixel whose
// neighbours are well spread, so the denoise pass averages the pattern away.
fn noise(pixel: vec2<f32>) -> f32 {
    return fract(52.9829189 * fract(dot(pixel, vec2<f32>(0.06711056, 0.00583715))));
}

@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE)
fn cs_gtao(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= ao.size) {
        return;
    }
    let pixel = vec2<i32>(id.xy);
    let depth = textureLoad(depth_texture, pixel, 0);
    let normal_sample = textureLoad(normal_texture, pixel, 0);
    if depth <= 0.0 || normal_sample.w < 0.5 {
        textureStore(raw_output, pixel, vec4<f32>(1.0));
        return;
    }
    let p = view_position(pixel, depth);
    let v = select(normalize(-p), vec3<f32>(0.0, 0.0, 1.0), ao.orthographic != 0u);
    let n = normalize(normal_sample.xyz);
    let radius_pixels = ao.radius * ao.pixels_per_metre / view_distance(p);
    if radius_pixels < 1.0 {
        textureStore(raw_output, pixel, vec4<f32>(1.0));
        return;
    }
    // Occluders fade out over the outer 61.5% of the radius, as in XeGTAO.
    let falloff_range = 0.615 * ao.radius;
    let falloff_mul = -1.0 / falloff_range;
    let falloff_add = (ao.radius - falloff_range) / falloff_range + 1.0;
    let rotation = noise(vec2<f32>(pixel));
    let jitter = noise(vec2<f32>(pixel) + vec2<f32>(17.0, 41.0));
    // Samples closer than about a pixel would only find the pixel itself.
    let min_s = 1.3 / radius_pixels;

    var visibility = 0.0;
    for (var slice = 0u; slice < ao.slices; slice++) {
        let phi = (f32(slice) + rotation) * PI / f32(ao.slices);
        // On screen y points down; in view space it points up.
        let omega = vec2<f32>(cos(phi), sin(phi));
        let direction = vec3<f32>(omega.x, -omega.y, 0.0);
        let ortho = direction - dot(direction, v) * v;
        let axis = normalize(cross(ortho, v));
        let projected = n - axis * dot(n, axis);
        let projected_length = length(projected);
        let sign_n = select(-1.0, 1.0, dot(ortho, projected) >= 0.0);
        let cos_n = clamp(dot(projected, v) / max(projected_length, 1e-6), 0.0, 1.0);
        let angle_n = sign_n * acos(cos_n);
        // The tangent plane bounds each side's horizon: nothing below it occludes.
        let low_positive = cos(angle_n + HALF_PI);
        let low_negative = cos(angle_n - HALF_PI);
        var horizon_positive = low_positive;
        var horizon_negative = low_negative;
        for (var step = 0u; step < ao.steps; step++) {
            var s = (f32(step) + jitter) / f32(ao.steps);
            // More samples near the centre, where occluders matter most.
            s = max(s * s, min_s);
            let offset = omega * (s * radius_pixels);
            for (var side = 0; side < 2; side++) {
                let signed = select(-offset, offset, side == 0);
                let q = vec2<i32>(round(vec2<f32>(pixel) + signed));
                let d = load_depth(q);
                if d <= 0.0 {
                    continue;
                }
                let delta = view_position(q, d) - p;
                let distance = length(delta);
                if distance < 1e-6 {
                    continue;
                }
                let weight = clamp(distance * falloff_mul + falloff_add, 0.0, 1.0);
                let cosine = dot(delta / distance, v);
                if side == 0 {
                    horizon_positive = max(horizon_positive, mix(low_positive, cosine, weight));
                } else {
                    horizon_negative = max(horizon_negative, mix(low_negative, cosine, weight));
                }
            }
        }
        // Horizon angles from the view vector, clamped to the hemisphere around n.
        var h0 = -acos(clamp(horizon_negative, -1.0, 1.0));
        var h1 = acos(clamp(horizon_positive, -1.0, 1.0));
        h0 = angle_n + max(h0 - angle_n, -HALF_PI);
        h1 = angle_n + min(h1 - angle_n, HALF_PI);
        // The cosine-weighted visible arc between the two horizons.
        let sin_n = sin(angle_n);
        let arc0 = (cos_n + 2.0 * h0 * sin_n - cos(2.0 * h0 - angle_n)) * 0.25;
        let arc1 = (cos_n + 2.0 * h1 * sin_n - cos(2.0 * h1 - angle_n)) * 0.25;
        visibility += projected_length * (arc0 + arc1);
    }
    // Linear and unclamped, so that the denoise pass keeps the mean of a flat surface.
    textureStore(raw_output, pixel, vec4<f32>(visibility / f32(ao.slices)));
}

// A 5×5 average weighted by how close each neighbour lies to the centre's tangent plane
// and how alike the normals are, so occlusion does not bleed across edges.
@compute @workgroup_size(IMAGE_TILE, IMAGE_TILE)
fn cs_denoise(@builtin(global_invocation_id) id: vec3<u32>) {
    if any(id.xy >= ao.size) {
        return;
    }
    let pixel = vec2<i32>(id.xy);
    let depth = textureLoad(depth_texture, pixel, 0);
    let normal_sample = textureLoad(normal_texture, pixel, 0);
    if depth <= 0.0 || normal_sample.w < 0.5 {
        textureStore(denoised_output, pixel, vec4<f32>(1.0));
        return;
    }
    let p = view_position(pixel, depth);
    let n = normalize(normal_sample.xyz);
    // Plane distances are compared with 2% of the view distance.
    let tolerance = 0.02 * select(length(p), 1.0, ao.orthographic != 0u);
    let last = vec2<i32>(ao.size) - 1;
    var sum = 0.0;
    var total = 0.0;
    for (var dy = -2; dy <= 2; dy++) {
        for (var dx = -2; dx <= 2; dx++) {
            let q = clamp(pixel + vec2<i32>(dx, dy), vec2<i32>(0), last);
            let d = textureLoad(depth_texture, q, 0);
            let nq = textureLoad(normal_texture, q, 0);
            if d <= 0.0 || nq.w < 0.5 {
                continue;
            }
            let plane = dot(view_position(q, d) - p, n) / tolerance;
            let alike = max(dot(n, normalize(nq.xyz)), 0.0);
            let alike2 = alike * alike;
            let weight = exp(-plane * plane) * alike2 * alike2;
            sum += weight * textureLoad(raw_input, q, 0).r;
            total += weight;
        }
    }
    let visibility = clamp(sum / max(total, 1e-6), 0.0, 1.0);
    textureStore(denoised_output, pixel, vec4<f32>(pow(visibility, ao.power)));
}

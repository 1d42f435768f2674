// Clustered lighting: every frame, the point and spot lights are assigned to the
// clusters of the view frustum (screen tiles × depth slices) their volumes touch, so
// that the forward pass shades a pixel with its cluster's lights only.
//
// Four dispatches: `place_volumes` (one invocation per light) puts each light's volume in
// view space with the range of clusters its bounding box may reach; `gather_tiles` (one
// per screen tile) lists the lights that may reach the tile's column of clusters;
// `assign_lights` (one per cluster) tests its tile's lights against the cluster's
// bounds, conservatively (a sphere of the light's range for points; the sphere and the
// cone for spots), and writes the cluster's list; `count_visible` (one per light) counts
// the lights that reached a cluster. A cluster whose lights do not fit its list keeps the
// brightest (by their intensity over the squared distance to its centre) and the
// statistics count what it left out.

#import museion::constants::{CLUSTER_STAT_DROPPED, CLUSTER_STAT_MAX, CLUSTER_STAT_OVERFLOWED, CLUSTER_STAT_SUM, CLUSTER_STAT_VISIBLE, CLUSTER_STAT_WORDS, CLUSTER_WORKGROUP, LIGHT_DIRECTIONAL, LIGHT_SPOT}
#import museion::shared::{ClusterParams, Light, cluster_slice}

@group(0) @binding(0) var<uniform> params: ClusterParams;
@group(0) @binding(1) var<storage, read> lights: array<Light>;
@group(0) @binding(2) var<storage, read_write> volumes: array<LightVolume>;
// The directional lights' indices (written by the CPU), then per cluster its count and
// `capacity` light indices.
@group(0) @binding(3) var<storage, read_write> cluster_lights: array<u32>;
// CLUSTER_STAT_* counters, then a flag per light.
@group(0) @binding(4) var<storage, read_write> stats: array<atomic<u32>>;
// Per screen tile, how many lights' reach covers it and (up to `tile_capacity`) which.
@group(0) @binding(5) var<storage, read_write> tile_lights: array<u32>;

// A point or spot light in view space.
struct LightVolume {
    center: vec3<f32>,
    // The light's range (every point and spot light has one: see gpu_scene/lights.rs).
    radius: f32,
    // The direction a spot shines (view space), and its outer cone's cosine and sine.
    direction: vec3<f32>,
    cos_outer: f32,
    sin_outer: f32,
    // LIGHT_* kind.
    kind: u32,
    // The largest channel of its colour times intensity.
    intensity: f32,
    // The clusters its bounding box may touch: first and last tile across and down,
    // first and last slice (a cheap test before the exact one).
    first: vec3<u32>,
    _pad_a: u32,
    last: vec3<u32>,
    _pad_b: u32,
}

@compute @workgroup_size(CLUSTER_WORKGROUP)
fn place_volumes(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    if i == 0u {
        for (var w = 0u; w < CLUSTER_STAT_WORDS; w++) {
            atomicStore(&stats[w], 0u);
        }
    }
    if i >= params.light_count {
        return;
    }
    atomicStore(&stats[CLUSTER_STAT_WORDS + i], 0u);
    let light = lights[i];
    var volume: LightVolume;
    volume.kind = light.kind;
    volume.center = (params.view * vec4<f32>(light.position, 1.0)).xyz;
    volume.radius = light.range;
    volume.direction = normalize((params.view * vec4<f32>(light.direction, 0.0)).xyz);
    // KHR_lights_punctual: offset = -cos(outer) × scale.
    volume.cos_outer = select(-1.0, -light.spot_offset / light.spot_scale, light.kind == LIGHT_SPOT && light.spot_scale > 0.0);
    volume.sin_outer = sqrt(max(1.0 - volume.cos_outer * volume.cos_outer, 0.0));
    volume.intensity = max(light.color.r, max(light.color.g, light.color.b));
    var reach = cluster_reach(volume.center, volume.radius);
    if light.kind == LIGHT_DIRECTIONAL {
        // Not listed: every pixel loops the directional lights.
        reach = Reach(vec3<u32>(1u), vec3<u32>(0u));
    }
    volume.first = reach.first;
    volume.last = reach.last;
    volumes[i] = volume;
}

struct Reach {
    first: vec3<u32>,
    last: vec3<u32>,
}

// The clusters the box around a sphere (view space) may touch, conservatively: the
// box's corners projected to the screen (every tile when the box reaches behind the
// near plane), and the slices of its depth range. An empty reach (first > last) when
// it lies wholly before the near plane or beyond the far end.
fn cluster_reach(center: vec3<f32>, radius: f32) -> Reach {
    let grid = params.grid;
    let nearest = -center.z - radius;
    let farthest = -center.z + radius;
    if farthest < params.near || nearest > params.far {
        return Reach(vec3<u32>(1u), vec3<u32>(0u));
    }
    var first = vec3<u32>(0u, 0u, cluster_slice(params, nearest));
    var last = vec3<u32>(grid.x - 1u, grid.y - 1u, cluster_slice(params, farthest));
    if nearest > params.near || params.linear != 0u {
        var low = vec2<f32>(3.4e38);
        var high = vec2<f32>(-3.4e38);
        for (var corner = 0u; corner < 8u; corner++) {
            let offset = vec3<f32>(
                select(-radius, radius, (corner & 1u) != 0u),
                select(-radius, radius, (corner & 2u) != 0u),
                select(-radius, radius, (corner & 4u) != 0u),
            );
            let clip = params.projection * vec4<f32>(center + offset, 1.0);
            let ndc = clip.xy / clip.w;
            low = min(low, ndc);
            high = max(high, ndc);
        }
        // Clip space to pixels (y down), then tiles, clamped to the grid.
        let left = (low.x * 0.5 + 0.5) * params.size.x;
        let right = (high.x * 0.5 + 0.5) * params.size.x;
        let top = (0.5 - high.y * 0.5) * params.size.y;
        let bottom = (0.5 - low.y * 0.5) * params.size.y;
        if right < 0.0 || bottom < 0.0 || left > params.size.x || top > params.size.y {
            return Reach(vec3<u32>(1u), vec3<u32>(0u));
        }
        let tiles = vec2<f32>(grid.xy);
        let start = clamp(floor(vec2<f32>(left, top) / params.tile), vec2<f32>(0.0), tiles - 1.0);
        let end = clamp(floor(vec2<f32>(right, bottom) / params.tile), vec2<f32>(0.0), tiles - 1.0);
        first = vec3<u32>(vec2<u32>(start), first.z);
        last = vec3<u32>(vec2<u32>(end), last.z);
    }
    return Reach(first, last);
}

// The view-space point on the line through clip-space (x, y) at view depth `depth`
// (the distance in front of the eye along -Z): the line runs through the points at
// depth 1 (the near plane, reverse-Z) and 0.5, which serves perspective and
// orthographic projections alike.
fn at_depth(ndc: vec2<f32>, depth: f32) -> vec3<f32> {
    let a4 = params.inverse_projection * vec4<f32>(ndc, 1.0, 1.0);
    let b4 = params.inverse_projection * vec4<f32>(ndc, 0.5, 1.0);
    let a = a4.xyz / a4.w;
    let b = b4.xyz / b4.w;
    let t = (-depth - a.z) / (b.z - a.z);
    return a + t * (b - a);
}

// The view depth where slice `z` begins: the first at the near plane, the others
// exponentially from `first_slice` to `far` (or all linearly for orthographic views).
fn slice_start(z: u32) -> f32 {
    if params.linear != 0u {
        return mix(params.near, params.far, f32(z) / f32(params.grid.z));
    }
    if z == 0u {
        return params.near;
    }
    if z >= params.grid.z {
        return params.far;
    }
    let share = f32(z - 1u) / f32(params.grid.z - 1u);
    return params.first_slice * pow(params.far / params.first_slice, share);
}

struct Bounds {
    low: vec3<f32>,
    high: vec3<f32>,
}

// The view-space box around cluster (x, y, z): its tile's four corner lines between
// its slice's two depths.
fn cluster_bounds(x: u32, y: u32, z: u32) -> Bounds {
    let pixels_low = vec2<f32>(f32(x), f32(y)) * params.tile;
    let pixels_high = min(pixels_low + params.tile, params.size);
    // Pixels run down from the top; clip space runs up.
    let ndc_low = vec2<f32>(pixels_low.x / params.size.x * 2.0 - 1.0, 1.0 - pixels_high.y / params.size.y * 2.0);
    let ndc_high = vec2<f32>(pixels_high.x / params.size.x * 2.0 - 1.0, 1.0 - pixels_low.y / params.size.y * 2.0);
    let near = slice_start(z);
    let far = slice_start(z + 1u);
    var b = Bounds(vec3<f32>(3.4e38), vec3<f32>(-3.4e38));
    for (var corner = 0u; corner < 4u; corner++) {
        let ndc = vec2<f32>(
            select(ndc_low.x, ndc_high.x, (corner & 1u) != 0u),
            select(ndc_low.y, ndc_high.y, (corner & 2u) != 0u),
        );
        let p = at_depth(ndc, near);
        let q = at_depth(ndc, far);
        b.low = min(b.low, min(p, q));
        b.high = max(b.high, max(p, q));
    }
    return b;
}

// True when the light's volume may reach some point of the box: the sphere of its
// range against the box, then, for a spot, its cone against the box's bounding sphere
// (conservative: a cone that misses the sphere misses the box).
fn touches(volume: LightVolume, b: Bounds) -> bool {
    let nearest = clamp(volume.center, b.low, b.high);
    let offset = volume.center - nearest;
    if dot(offset, offset) > volume.radius * volume.radius {
        return false;
    }
    if volume.kind != LIGHT_SPOT || volume.cos_outer <= 0.0 {
        return true;
    }
    let middle = (b.low + b.high) * 0.5;
    let reach = length(b.high - b.low) * 0.5;
    let v = middle - volume.center;
    let along = dot(v, volume.direction);
    let across = sqrt(max(dot(v, v) - along * along, 0.0));
    // Distance from the sphere's centre to the cone's surface (positive outside).
    let outside = volume.cos_outer * across - along * volume.sin_outer;
    return !(outside > reach || along < -reach);
}

// How brightly a light may shine in a box: its intensity over the squared distance
// from the box's centre (at least 1 cm).
fn brightness(volume: LightVolume, b: Bounds) -> f32 {
    let d = (b.low + b.high) * 0.5 - volume.center;
    return volume.intensity / max(dot(d, d), 1e-4);
}

@compute @workgroup_size(CLUSTER_WORKGROUP)
fn gather_tiles(@builtin(global_invocation_id) id: vec3<u32>) {
    let t = id.x;
    if t >= params.grid.x * params.grid.y {
        return;
    }
    let tile = vec2<u32>(t % params.grid.x, t / params.grid.x);
    let base = t * (params.tile_capacity + 1u);
    var n = 0u;
    for (var i = 0u; i < params.light_count; i++) {
        if any(tile < volumes[i].first.xy) || any(tile > volumes[i].last.xy) {
            continue;
        }
        if n < params.tile_capacity {
            tile_lights[base + 1u + n] = i;
        }
        n += 1u;
    }
    tile_lights[base] = n;
}

@compute @workgroup_size(CLUSTER_WORKGROUP)
fn assign_lights(@builtin(global_invocation_id) id: vec3<u32>) {
    let c = id.x;
    let across = params.grid.x * params.grid.y;
    if c >= across * params.grid.z {
        return;
    }
    let at = vec3<u32>(c % params.grid.x, (c / params.grid.x) % params.grid.y, c / across);
    let b = cluster_bounds(at.x, at.y, at.z);
    let base = params.directional_count + c * (params.capacity + 1u);
    var kept = 0u;
    var reached = 0u;
    // The tile's lights, or every light when its list overflowed.
    let tile = (at.y * params.grid.x + at.x) * (params.tile_capacity + 1u);
    let listed = tile_lights[tile];
    let from_list = listed <= params.tile_capacity;
    let candidates = select(params.light_count, listed, from_list);
    for (var k = 0u; k < candidates; k++) {
        let i = select(k, tile_lights[tile + 1u + k], from_list);
        // The reach alone first: most lights miss most clusters.
        if any(at < volumes[i].first) || any(at > volumes[i].last) {
            continue;
        }
        let volume = volumes[i];
        if volume.kind == LIGHT_DIRECTIONAL || !touches(volume, b) {
            continue;
        }
        reached += 1u;
        atomicStore(&stats[CLUSTER_STAT_WORDS + i], 1u);
        if kept < params.capacity {
            cluster_lights[base + 1u + kept] = i;
            kept += 1u;
            continue;
        }
        // Full: the light replaces the dimmest kept one when it is brighter.
        var dimmest = 0u;
        var dimmest_brightness = 3.4e38;
        for (var k = 0u; k < kept; k++) {
            let shine = brightness(volumes[cluster_lights[base + 1u + k]], b);
            if shine < dimmest_brightness {
                dimmest = k;
                dimmest_brightness = shine;
            }
        }
        if brightness(volume, b) > dimmest_brightness {
            cluster_lights[base + 1u + dimmest] = i;
        }
    }
    cluster_lights[base] = kept;
    atomicAdd(&stats[CLUSTER_STAT_SUM], reached);
    atomicMax(&stats[CLUSTER_STAT_MAX], reached);
    if reached > kept {
        atomicAdd(&stats[CLUSTER_STAT_OVERFLOWED], 1u);
        atomicAdd(&stats[CLUSTER_STAT_DROPPED], reached - kept);
    }
}

@compute @workgroup_size(CLUSTER_WORKGROUP)
fn count_visible(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x < params.light_count {
        atomicAdd(&stats[CLUSTER_STAT_VISIBLE], atomicLoad(&stats[CLUSTER_STAT_WORDS + id.x]));
    }
}

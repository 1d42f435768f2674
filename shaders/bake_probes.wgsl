// The light bake's path tracer on the GPU (museion-bake-gpu): the estimator of
// museion-bake's CPU tracer, one workgroup per probe.
//
// Each probe's `samples` rays leave it along a Fibonacci sphere turned by the probe's
// own angle (the CPU tracer's directions exactly). A ray that meets a surface adds its
// emission, then the direct light of one punctual light chosen in proportion to what it
// would give unshadowed (shadow-tested), then continues cosine-weighted for `bounces`
// more surfaces; a ray that leaves the geometry brings back the environment. The
// workgroup's invocations share the rays, project what each brings back on nine
// spherical harmonics per channel, and sum them into the probe's row of `results` (rows
// numbered within the dispatch):
// 27 sums, then how many rays met the back of a one-sided surface (the probe stands
// inside a solid). The CPU weighs the sums into irradiance, as it does its own.
//
// Rays meet triangles through a binary BVH (obvhs's Bvh2, leaves' triangles laid out
// in the BVH's order), traversed with a stack of STACK_SIZE nodes.

#import museion::constants::{LIGHT_DIRECTIONAL, LIGHT_SPOT}
#import museion::math::{PI, luminance}

const WORKGROUP: u32 = 64u;
const STACK_SIZE: u32 = 64u;
const NONE: u32 = 0xffffffffu;
// How far off a surface a ray continues, and how far rays look (metres), as on the CPU.
const RAY_OFFSET: f32 = 1e-3;
const REACH: f32 = 1e5;
// Floats per probe in `results`: 9 coefficients × RGB, and the inside count.
const RESULT_FLOATS: u32 = 28u;

struct BakeParams {
    // The first task of this dispatch, and how many it bakes.
    first_task: u32,
    task_count: u32,
    samples: u32,
    bounces: u32,
    light_count: u32,
    // The environment table's size (0 × 0: no environment).
    environment_width: u32,
    environment_height: u32,
    // 0 when there is nothing to hit (the node and triangle lists hold placeholders).
    triangle_count: u32,
}

struct BvhNode {
    min: vec3<f32>,
    // Triangles of a leaf; 0 for an inner node.
    prim_count: u32,
    max: vec3<f32>,
    // A leaf's first triangle, or an inner node's first child (the second follows it).
    first_index: u32,
}

struct BakeTriangle {
    // xyz: the first corner; w: the surface index's bits.
    v0: vec4<f32>,
    // v1 − v0 and v2 − v0.
    e1: vec4<f32>,
    e2: vec4<f32>,
}

struct BakeSurface {
    // xyz: linear diffuse albedo; w: 1 for a double-sided surface.
    albedo: vec4<f32>,
    // xyz: emitted radiance, cd/m².
    emission: vec4<f32>,
}

struct BakeLight {
    // xyz: position; w: kind (constants.wgsl's LIGHT_*) as bits.
    position: vec4<f32>,
    // xyz: the unit direction it shines in; w: range (0: none).
    direction: vec4<f32>,
    // xyz: colour × intensity.
    color: vec4<f32>,
    // x, y: the spot cone's scale and offset (KHR_lights_punctual).
    cone: vec4<f32>,
}

struct ProbeTask {
    position: vec3<f32>,
    // The probe's turn of its Fibonacci sphere, radians.
    turn: f32,
    // The seed of its bounces' random numbers.
    seed: u32,
    _pad0: u32,
    _pad1: u32,
    _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: BakeParams;
@group(0) @binding(1) var<storage, read> nodes: array<BvhNode>;
@group(0) @binding(2) var<storage, read> triangles: array<BakeTriangle>;
@group(0) @binding(3) var<storage, read> surfaces: array<BakeSurface>;
@group(0) @binding(4) var<storage, read> lights: array<BakeLight>;
@group(0) @binding(5) var<storage, read> environment: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> tasks: array<ProbeTask>;
@group(0) @binding(7) var<storage, read_write> results: array<f32>;

var<workgroup> shared_sums: array<array<vec3<f32>, 9>, WORKGROUP>;
var<workgroup> shared_inside: array<u32, WORKGROUP>;

// PCG's output function over a 32-bit state (Jarzynski and Olano 2020).
fn pcg(state: ptr<function, u32>) -> u32 {
    *state = *state * 747796405u + 2891336453u;
    let word = ((*state >> ((*state >> 28u) + 4u)) ^ *state) * 277803737u;
    return (word >> 22u) ^ word;
}

fn random(state: ptr<function, u32>) -> f32 {
    return f32(pcg(state) >> 8u) * (1.0 / 16777216.0);
}

// The i-th of n directions on a Fibonacci sphere turned by `turn` (as the CPU's).
fn sphere_direction(i: u32, n: u32, turn: f32) -> vec3<f32> {
    let golden_angle = PI * (3.0 - 2.236068);
    let y = 1.0 - (2.0 * f32(i) + 1.0) / f32(n);
    let r = sqrt(max(1.0 - y * y, 0.0));
    let phi = golden_angle * f32(i) + turn;
    return vec3<f32>(r * cos(phi), y, r * sin(phi));
}

// A cosine-weighted direction about the unit `normal`.
fn cosine_direction(normal: vec3<f32>, state: ptr<function, u32>) -> vec3<f32> {
    let u = random(state);
    let v = random(state);
    let r = sqrt(u);
    let phi = 2.0 * PI * v;
    // Duff et al.'s orthonormal basis.
    let sign = select(-1.0, 1.0, normal.z >= 0.0);
    let a = -1.0 / (sign + normal.z);
    let b = normal.x * normal.y * a;
    let tangent = vec3<f32>(1.0 + sign * normal.x * normal.x * a, sign * b, -sign * normal.x);
    let bitangent = vec3<f32>(b, sign + normal.y * normal.y * a, -normal.y);
    return normalize(tangent * (r * cos(phi)) + bitangent * (r * sin(phi)) + normal * sqrt(max(1.0 - u, 0.0)));
}

// The second-order spherical harmonics at the unit direction d (museion_scene::sh_basis).
fn sh_basis(d: vec3<f32>) -> array<f32, 9> {
    return array<f32, 9>(
        0.282095,
        0.488603 * d.y,
        0.488603 * d.z,
        0.488603 * d.x,
        1.092548 * d.x * d.y,
        1.092548 * d.y * d.z,
        0.315392 * (3.0 * d.z * d.z - 1.0),
        1.092548 * d.x * d.z,
        0.546274 * (d.x * d.x - d.y * d.y),
    );
}

// The distance at which the ray enters the box, or REACH * 2 when it misses it.
fn box_entry(node: BvhNode, origin: vec3<f32>, inverse: vec3<f32>, reach: f32) -> f32 {
    let t0 = (node.min - origin) * inverse;
    let t1 = (node.max - origin) * inverse;
    let near = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), max(min(t0.z, t1.z), 0.0));
    let far = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), min(max(t0.z, t1.z), reach));
    return select(2.0 * REACH, near, near <= far);
}

// Möller–Trumbore, both faces: the distance along the ray, or `reach` when it misses.
fn triangle_distance(index: u32, origin: vec3<f32>, direction: vec3<f32>, reach: f32) -> f32 {
    let triangle = triangles[index];
    let e1 = triangle.e1.xyz;
    let e2 = triangle.e2.xyz;
    let p = cross(direction, e2);
    let determinant = dot(e1, p);
    if abs(determinant) < 1e-12 {
        return reach;
    }
    let inverse = 1.0 / determinant;
    let s = origin - triangle.v0.xyz;
    let u = dot(s, p) * inverse;
    let q = cross(s, e1);
    let v = dot(direction, q) * inverse;
    let t = dot(e2, q) * inverse;
    if u < 0.0 || v < 0.0 || u + v > 1.0 || t <= 0.0 || t >= reach {
        return reach;
    }
    return t;
}

struct TraceHit {
    distance: f32,
    triangle: u32,
}

// The nearest triangle along the ray within `reach` (triangle NONE: none), or with
// `any` the first one found (a shadow ray).
fn trace(origin: vec3<f32>, direction: vec3<f32>, reach: f32, any: bool) -> TraceHit {
    // Zero components would make 0 × ∞ in the slab test.
    let safe = select(direction, vec3<f32>(1e-20), abs(direction) < vec3<f32>(1e-20));
    let inverse = 1.0 / safe;
    var best = TraceHit(reach, NONE);
    if params.triangle_count == 0u {
        return best;
    }
    var stack: array<u32, STACK_SIZE>;
    var depth = 1u;
    stack[0] = 0u;
    while depth > 0u {
        depth -= 1u;
        let node = nodes[stack[depth]];
        if box_entry(node, origin, inverse, best.distance) >= best.distance {
            continue;
        }
        if node.prim_count > 0u {
            for (var i = node.first_index; i < node.first_index + node.prim_count; i += 1u) {
                let t = triangle_distance(i, origin, direction, best.distance);
                if t < best.distance {
                    best = TraceHit(t, i);
                    if any {
                        return best;
                    }
                }
            }
            continue;
        }
        // Both children, the nearer on top.
        let a = node.first_index;
        let b = a + 1u;
        let ta = box_entry(nodes[a], origin, inverse, best.distance);
        let tb = box_entry(nodes[b], origin, inverse, best.distance);
        let near = select(b, a, ta <= tb);
        let far = select(a, b, ta <= tb);
        if max(ta, tb) < best.distance && depth < STACK_SIZE {
            stack[depth] = far;
            depth += 1u;
        }
        if min(ta, tb) < best.distance && depth < STACK_SIZE {
            stack[depth] = near;
            depth += 1u;
        }
    }
    return best;
}

fn sky_radiance(d: vec3<f32>) -> vec3<f32> {
    let width = params.environment_width;
    let height = params.environment_height;
    if width == 0u || height == 0u {
        return vec3<f32>(0.0);
    }
    let u = atan2(d.x, -d.z) / (2.0 * PI) + 0.5;
    let v = acos(clamp(d.y, -1.0, 1.0)) / PI;
    let x = min(u32(max(u, 0.0) * f32(width)), width - 1u);
    let y = min(u32(max(v, 0.0) * f32(height)), height - 1u);
    return environment[y * width + x].xyz;
}

struct LightArrival {
    irradiance: vec3<f32>,
    toward: vec3<f32>,
    reach: f32,
}

// What a light gives `point` facing `normal` with nothing in the way (the renderer's
// inverse square, range and cone falloffs).
fn unshadowed(light: BakeLight, point: vec3<f32>, normal: vec3<f32>) -> LightArrival {
    let kind = bitcast<u32>(light.position.w);
    if kind == LIGHT_DIRECTIONAL {
        let toward = -light.direction.xyz;
        return LightArrival(light.color.xyz * max(dot(normal, toward), 0.0), toward, REACH);
    }
    let to_light = light.position.xyz - point;
    let distance_sq = max(dot(to_light, to_light), 1e-8);
    let distance = sqrt(distance_sq);
    let toward = to_light / distance;
    let cosine = max(dot(normal, toward), 0.0);
    var falloff = 1.0 / distance_sq;
    let range = light.direction.w;
    if range > 0.0 {
        let ratio = distance / range;
        falloff *= clamp(1.0 - ratio * ratio * ratio * ratio, 0.0, 1.0);
    }
    if kind == LIGHT_SPOT {
        let t = clamp(dot(light.direction.xyz, -toward) * light.cone.x + light.cone.y, 0.0, 1.0);
        falloff *= t * t;
    }
    return LightArrival(light.color.xyz * (falloff * cosine), toward, max(distance - RAY_OFFSET, 0.0));
}

// One light chosen in proportion to its unshadowed luminance at `point`, shadow-tested,
// divided by the chance of choosing it.
fn direct(point: vec3<f32>, normal: vec3<f32>, state: ptr<function, u32>) -> vec3<f32> {
    var total = 0.0;
    let pick = random(state);
    for (var i = 0u; i < params.light_count; i += 1u) {
        total += luminance(unshadowed(lights[i], point, normal).irradiance);
    }
    if total <= 0.0 {
        return vec3<f32>(0.0);
    }
    var running = 0.0;
    let target_share = pick * total;
    for (var i = 0u; i < params.light_count; i += 1u) {
        let arriving = unshadowed(lights[i], point, normal);
        let share = luminance(arriving.irradiance);
        if share <= 0.0 {
            continue;
        }
        running += share;
        if running >= target_share {
            if trace(point, arriving.toward, arriving.reach, true).triangle != NONE {
                return vec3<f32>(0.0);
            }
            return arriving.irradiance * (total / share);
        }
    }
    return vec3<f32>(0.0);
}

struct PathArrival {
    radiance: vec3<f32>,
    inside: bool,
}

// The radiance arriving at `start` along the ray toward `first`.
fn arriving(start: vec3<f32>, first: vec3<f32>, state: ptr<function, u32>) -> PathArrival {
    var result = PathArrival(vec3<f32>(0.0), false);
    var origin = start;
    var direction = first;
    var throughput = vec3<f32>(1.0);
    for (var bounce = 0u; bounce <= params.bounces; bounce += 1u) {
        let hit = trace(origin, direction, REACH, false);
        if hit.triangle == NONE {
            result.radiance += throughput * sky_radiance(direction);
            break;
        }
        let triangle = triangles[hit.triangle];
        let surface = surfaces[bitcast<u32>(triangle.v0.w)];
        let geometric = normalize(cross(triangle.e1.xyz, triangle.e2.xyz));
        let facing = dot(geometric, direction) < 0.0;
        if !facing && surface.albedo.w < 0.5 {
            result.inside = result.inside || bounce == 0u;
            break;
        }
        let normal = select(-geometric, geometric, facing);
        let point = origin + direction * hit.distance + normal * RAY_OFFSET;
        result.radiance += throughput * surface.emission.xyz;
        let albedo = surface.albedo.xyz;
        if max(albedo.x, max(albedo.y, albedo.z)) <= 0.0 {
            break;
        }
        throughput *= albedo;
        result.radiance += throughput / PI * direct(point, normal, state);
        if bounce == params.bounces {
            break;
        }
        direction = cosine_direction(normal, state);
        origin = point;
    }
    return result;
}

@compute @workgroup_size(64)
fn bake(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
    let index = params.first_task + group.x;
    let valid = group.x < params.task_count;
    var sums: array<vec3<f32>, 9>;
    var inside = 0u;
    if valid {
        let task = tasks[index];
        var state = task.seed ^ (lane * 0x9e3779b9u);
        _ = pcg(&state);
        for (var i = lane; i < params.samples; i += WORKGROUP) {
            let direction = sphere_direction(i, params.samples, task.turn);
            let arrival = arriving(task.position, direction, &state);
            inside += u32(arrival.inside);
            let basis = sh_basis(direction);
            for (var c = 0u; c < 9u; c += 1u) {
                sums[c] += arrival.radiance * basis[c];
            }
        }
    }
    shared_sums[lane] = sums;
    shared_inside[lane] = inside;
    workgroupBarrier();
    // Invocations 0–8 each sum one coefficient over the workgroup; 9 the inside count.
    if valid && lane < 9u {
        var total = vec3<f32>(0.0);
        for (var l = 0u; l < WORKGROUP; l += 1u) {
            total += shared_sums[l][lane];
        }
        let base = group.x * RESULT_FLOATS + lane * 3u;
        results[base] = total.x;
        results[base + 1u] = total.y;
        results[base + 2u] = total.z;
    }
    if valid && lane == 9u {
        var count = 0u;
        for (var l = 0u; l < WORKGROUP; l += 1u) {
            count += shared_inside[l];
        }
        results[group.x * RESULT_FLOATS + 27u] = f32(count);
    }
}

// Instance culling: frustum, small-object and (late phase) Hi-Z occlusion tests, LOD
// selection, and compaction of the survivors into per-batch visible lists. Variants come
// from override constants, not copied files: OCCLUSION selects two-phase culling, LATE
// the second phase.

#import museion::constants::{CULL_EXACT_DEPTH, CULL_LOD, CULL_ORTHOGRAPHIC, CULL_SMALL_OBJECTS, CULL_WORKGROUP, GROUP_BLENDED}
#import museion::shared::{Batch, CullView, DrawGroup}

override OCCLUSION: bool = false;
// Rectangles up to this many pixels each way are tested against the depth buffer.
const EXACT_PIXELS: i32 = 8;
override LATE: bool = false;

@group(0) @binding(0) var<uniform> view: CullView;
@group(0) @binding(1) var<storage, read> spheres: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> group_of: array<u32>;
@group(0) @binding(3) var<storage, read_write> visibility: array<u32>;
@group(0) @binding(4) var<storage, read> groups: array<DrawGroup>;
@group(0) @binding(5) var<storage, read> batches: array<Batch>;
@group(0) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(7) var<storage, read_write> visible: array<u32>;
@group(1) @binding(0) var pyramid: texture_2d<f32>;
// The early pass's depth, single-sampled frames only (a 1×1 stand-in otherwise).
@group(1) @binding(1) var depth: texture_depth_2d;

// The same test as museion_scene::Frustum::intersects_sphere.
fn in_frustum(sphere: vec4<f32>) -> bool {
    if sphere.w < 0.0 {
        return false;
    }
    for (var p = 0u; p < 6u; p++) {
        let plane = view.planes[p];
        if dot(plane.xyz, sphere.xyz) + plane.w < -sphere.w {
            return false;
        }
    }
    return true;
}

// Distance from the eye along the view axis, and projected diameter in pixels.
fn projected_pixels(center: vec3<f32>, radius: f32) -> f32 {
    if (view.flags & CULL_ORTHOGRAPHIC) != 0u {
        return 2.0 * radius * view.projection.y * 0.5 * view.viewport.y;
    }
    let depth = max(-center.z, 1e-6);
    return 2.0 * radius * view.projection.y * 0.5 * view.viewport.y / depth;
}

// Screen-space bounds of a sphere in view space, as NDC (min x, min y, max x, max y),
// from the tangent lines through the eye (perspective) or directly (orthographic).
// Returns false when the sphere reaches the near plane and cannot be bounded.
fn project_sphere(c: vec3<f32>, r: f32, ndc: ptr<function, vec4<f32>>) -> bool {
    let p00 = view.projection.x;
    let p11 = view.projection.y;
    if (view.flags & CULL_ORTHOGRAPHIC) != 0u {
        *ndc = vec4<f32>((c.x - r) * p00, (c.y - r) * p11, (c.x + r) * p00, (c.y + r) * p11);
        return true;
    }
    let forward = -c.z;
    if forward - r < view.projection.z {
        return false;
    }
    let cx = vec2<f32>(c.x, forward);
    let vx = vec2<f32>(sqrt(dot(cx, cx) - r * r), r);
    let min_x = vec2<f32>(vx.x * cx.x - vx.y * cx.y, vx.y * cx.x + vx.x * cx.y);
    let max_x = vec2<f32>(vx.x * cx.x + vx.y * cx.y, -vx.y * cx.x + vx.x * cx.y);
    let cy = vec2<f32>(c.y, forward);
    let vy = vec2<f32>(sqrt(dot(cy, cy) - r * r), r);
    let min_y = vec2<f32>(vy.x * cy.x - vy.y * cy.y, vy.y * cy.x + vy.x * cy.y);
    let max_y = vec2<f32>(vy.x * cy.x + vy.y * cy.y, -vy.y * cy.x + vy.x * cy.y);
    *ndc = vec4<f32>(min_x.x / min_x.y * p00, min_y.x / min_y.y * p11, max_x.x / max_x.y * p00, max_y.x / max_y.y * p11);
    return true;
}

// True when the sphere is wholly behind the farthest depth the Hi-Z pyramid holds over
// the pixels it covers (reverse-Z: smaller depth is farther).
fn occluded(sphere: vec4<f32>) -> bool {
    let c = (view.view * vec4<f32>(sphere.xyz, 1.0)).xyz;
    let r = sphere.w;
    var ndc: vec4<f32>;
    if !project_sphere(c, r, &ndc) {
        return false;
    }
    // Depth of the sphere's nearest point.
    var nearest: f32;
    if (view.flags & CULL_ORTHOGRAPHIC) != 0u {
        nearest = (c.z + r) * view.ortho_depth.x + view.ortho_depth.y;
    } else {
        nearest = view.projection.z / (-c.z - r);
    }
    // NDC to pixel coordinates (y down). Every pixel whose square the rectangle touches
    // counts, whatever the sample positions (MSAA), grown by a hundredth of a pixel
    // against rounding.
    let size = view.viewport.xy;
    let lo = clamp(vec2<f32>(ndc.x * 0.5 + 0.5, 0.5 - ndc.w * 0.5) * size - 0.01, vec2<f32>(0.0), size - 1.0);
    let hi = clamp(vec2<f32>(ndc.z * 0.5 + 0.5, 0.5 - ndc.y * 0.5) * size + 0.01, vec2<f32>(0.0), size - 1.0);
    // Small rectangles: the depth buffer itself, pixel by pixel (the pyramid's 2×2 level
    // 0 would let up to a pixel around a far object count against it).
    let p0 = vec2<i32>(floor(lo));
    let p1 = vec2<i32>(floor(hi));
    if (view.flags & CULL_EXACT_DEPTH) != 0u && all(p1 - p0 < vec2<i32>(EXACT_PIXELS)) {
        var farthest_pixel = 1.0;
        for (var y = p0.y; y <= p1.y; y++) {
            for (var x = p0.x; x <= p1.x; x++) {
                farthest_pixel = min(farthest_pixel, textureLoad(depth, vec2<i32>(x, y), 0));
            }
        }
        return nearest < farthest_pixel;
    }
    // Level 0 texels are 2×2 pixels. Pick the level where the rectangle spans at most
    // five texels each way: two levels finer than the usual 2×2 footprint, so texels
    // reach little past the object and hide more (at most 25 loads, in the late pass
    // only).
    let extent = max(hi.x - lo.x, hi.y - lo.y) * 0.5;
    let level = min(u32(ceil(log2(max(extent * 0.125, 1.0)))), view.pyramid_levels - 1u);
    let scale = f32(2u << level);
    // The level's size from the uniform: textureDimensions with a level chosen at run
    // time gave wrong sizes on lavapipe, which made this test read the wrong texels.
    let dims = max(vec2<i32>(view.viewport.zw) >> vec2<u32>(level), vec2<i32>(1));
    let t0 = min(vec2<i32>(floor(lo / scale)), dims - 1);
    let t1 = min(vec2<i32>(floor(hi / scale)), min(t0 + 8, dims - 1));
    var farthest = 1.0;
    for (var y = t0.y; y <= t1.y; y++) {
        for (var x = t0.x; x <= t1.x; x++) {
            farthest = min(farthest, textureLoad(pyramid, vec2<i32>(x, y), i32(level)).r);
        }
    }
    return nearest < farthest;
}

fn emit(instance: u32, sphere: vec4<f32>, group: DrawGroup) {
    var lod = 0u;
    if (view.flags & CULL_LOD) != 0u && group.lod_count > 1u {
        let c = (view.view * vec4<f32>(sphere.xyz, 1.0)).xyz;
        let pixels = projected_pixels(c, sphere.w);
        let steps = 2.0 * log2(max(group.lod_pixels / max(pixels, 1e-6), 1.0));
        lod = min(u32(steps), group.lod_count - 1u);
    }
    let b = group.first_batch + lod;
    let slot = atomicAdd(&counts[b], 1u);
    visible[batches[b].list_offset + slot] = instance;
}

@compute @workgroup_size(CULL_WORKGROUP)
fn cull(@builtin(global_invocation_id) id: vec3<u32>) {
    // Two-dimensional dispatch: past 65535 workgroups of 256 (16.7M instances) the rows
    // fold into y.
    let instance = id.x + id.y * view.dispatch.x;
    if instance >= view.instance_count {
        return;
    }
    let group = groups[group_of[instance]];
    if (group.flags & GROUP_BLENDED) != 0u {
        return; // blended instances are sorted and drawn on the CPU side
    }
    let sphere = spheres[instance];
    var keep = in_frustum(sphere);
    if keep && (view.flags & CULL_SMALL_OBJECTS) != 0u {
        let c = (view.view * vec4<f32>(sphere.xyz, 1.0)).xyz;
        keep = projected_pixels(c, sphere.w) >= view.small_object_pixels;
    }
    if !OCCLUSION {
        if keep {
            emit(instance, sphere, group);
        }
        return;
    }
    let was_visible = visibility[instance] != 0u;
    if !LATE {
        // Early phase: what was visible last frame and is still in view.
        if keep && was_visible {
            emit(instance, sphere, group);
        }
        return;
    }
    // Late phase: everything in view, against the pyramid of the early phase's depth;
    // draw what the early phase did not.
    let now_visible = keep && !occluded(sphere);
    if now_visible && !was_visible {
        emit(instance, sphere, group);
    }
    visibility[instance] = select(0u, 1u, now_visible);
}

// The deformation pass: once per frame, for each skinned or morphed instance whose pose
// changed, its vertices morphed (offsets weighted by the instance's morph weights) and
// then skinned (linear blend of up to eight joint matrices), written to the instance's
// own copy in the vertex pool, which every later pass draws (shadow maps, the prepass,
// the main pass, instance ids).
//
// The deformation must match `Primitive::deform` in scene/core/src/skinning.rs: normals
// by the cofactor of the blended matrix (the inverse transpose up to scale, signed by
// the determinant), tangents by the blended matrix, both normalised; a flat-shaded
// primitive's normals are the faces' of its deformed triangles (a second entry point,
// `flat_normals`, after the first has written the positions).

#import museion::constants::{DEFORM_EIGHT, DEFORM_FLAT, DEFORM_MORPH_FLOATS, DEFORM_NO_SKIN, DEFORM_REST_FLOATS, DEFORM_SKIN_WORDS, DEFORM_VERTEX_FLOATS, DEFORM_WORKGROUP}
#import museion::shared::DeformJob

// A window of the vertex pool as floats, where deformed copies are written.
@group(0) @binding(0) var<storage, read_write> vertices: array<f32>;
// Rest data, skinning data (joint pairs as u32, weights as f32 bits) and morph offsets
// (f32 bits).
@group(0) @binding(1) var<storage, read> deform_data: array<u32>;
@group(0) @binding(2) var<storage, read> joint_matrices: array<mat4x4<f32>>;
@group(0) @binding(3) var<storage, read> morph_weights: array<f32>;
@group(0) @binding(4) var<storage, read> jobs: array<DeformJob>;

struct Deformed {
    position: vec3<f32>,
    normal: vec3<f32>,
    tangent: vec3<f32>,
}

fn data_vec3(at: u32) -> vec3<f32> {
    return vec3<f32>(
        bitcast<f32>(deform_data[at]),
        bitcast<f32>(deform_data[at + 1u]),
        bitcast<f32>(deform_data[at + 2u]),
    );
}

// The joint index `slot` (0..8) of a vertex's skinning data at `at`.
fn joint_of(at: u32, slot: u32) -> u32 {
    let pair = deform_data[at + slot / 2u];
    return select(pair & 0xffffu, pair >> 16u, (slot & 1u) == 1u);
}

// Vertex `v` of `job`'s primitive, morphed and skinned (not normalised).
fn deformed(job: DeformJob, v: u32) -> Deformed {
    let rest = job.rest_offset + v * DEFORM_REST_FLOATS;
    var out = Deformed(data_vec3(rest), data_vec3(rest + 3u), data_vec3(rest + 6u));
    for (var t = 0u; t < job.target_count; t++) {
        let w = morph_weights[job.weight_offset + t];
        if w == 0.0 {
            continue;
        }
        let at = job.morph_offset + (t * job.vertex_count + v) * DEFORM_MORPH_FLOATS;
        out.position += w * data_vec3(at);
        out.normal += w * data_vec3(at + 3u);
        out.tangent += w * data_vec3(at + 6u);
    }
    if job.skin_offset == DEFORM_NO_SKIN {
        return out;
    }
    let at = job.skin_offset + v * DEFORM_SKIN_WORDS;
    var skin = mat4x4<f32>(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
    var total = 0.0;
    // Four influences, or eight where the primitive has a second set, without branches
    // (a zero weight adds nothing): on lavapipe's SIMD lanes this runs about twice as
    // fast as skipping zero weights.
    let slots = select(4u, 8u, (job.flags & DEFORM_EIGHT) != 0u);
    for (var slot = 0u; slot < slots; slot++) {
        let w = bitcast<f32>(deform_data[at + 4u + slot]);
        skin += joint_matrices[job.joint_offset + joint_of(at, slot)] * w;
        total += w;
    }
    if total != 0.0 {
        let m = mat3x3<f32>(skin[0].xyz, skin[1].xyz, skin[2].xyz);
        let cofactor = mat3x3<f32>(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
        out.position = (skin * vec4<f32>(out.position, 1.0)).xyz;
        out.normal = cofactor * out.normal * select(1.0, -1.0, determinant(m) < 0.0);
        out.tangent = m * out.tangent;
    }
    return out;
}

fn unit_or_zero(v: vec3<f32>) -> vec3<f32> {
    return select(vec3<f32>(0.0), normalize(v), dot(v, v) > 0.0);
}

// One workgroup row (y) per job; x runs over the job's vertices.
@compute @workgroup_size(DEFORM_WORKGROUP)
fn deform(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
    let job = jobs[group.y];
    let v = id.x;
    if v >= job.vertex_count {
        return;
    }
    let d = deformed(job, v);
    let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    let n = unit_or_zero(d.normal);
    let t = unit_or_zero(d.tangent);
    vertices[out] = d.position.x;
    vertices[out + 1u] = d.position.y;
    vertices[out + 2u] = d.position.z;
    vertices[out + 3u] = n.x;
    vertices[out + 4u] = n.y;
    vertices[out + 5u] = n.z;
    vertices[out + 6u] = t.x;
    vertices[out + 7u] = t.y;
    vertices[out + 8u] = t.z;
}

fn written_position(job: DeformJob, v: u32) -> vec3<f32> {
    let at = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    return vec3<f32>(vertices[at], vertices[at + 1u], vertices[at + 2u]);
}

// After `deform`, over the same jobs: a flat-shaded primitive's vertices get the normal
// of their deformed face (unindexed: vertices 3k..3k+2 make a triangle), read back from
// the positions `deform` wrote.
@compute @workgroup_size(DEFORM_WORKGROUP)
fn flat_normals(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
    let job = jobs[group.y];
    let v = id.x;
    if v >= job.vertex_count || (job.flags & DEFORM_FLAT) == 0u {
        return;
    }
    let first = v - v % 3u;
    let a = written_position(job, first);
    let n = unit_or_zero(cross(written_position(job, first + 1u) - a, written_position(job, first + 2u) - a));
    let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    vertices[out + 3u] = n.x;
    vertices[out + 4u] = n.y;
    vertices[out + 5u] = n.z;
}

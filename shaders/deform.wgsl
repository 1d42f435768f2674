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
// `flat_faces`, which also copies each deformed point to the corners that share it).

#import museion::constants::{DEFORM_EIGHT, DEFORM_FLAT, DEFORM_MORPH_FLOATS, DEFORM_NO_SKIN, DEFORM_REST_FLOATS, DEFORM_SKIN_WORDS, DEFORM_TANGENT, DEFORM_VERTEX_FLOATS, DEFORM_WORKGROUP}
#import museion::shared::DeformJob

// A window of the vertex pool as floats, where deformed copies are written.
@group(0) @binding(0) var<storage, read_write> vertices: array<f32>;
// Rest data, skinning data (joint pairs as u32, weights as f32 bits) and morph offsets
// (f32 bits).
@group(0) @binding(1) var<storage, read> deform_data: array<u32>;
// Joint matrices as their first three rows (the fourth of an affine matrix is 0 0 0 1):
// a quarter less to gather per influence than whole matrices.
@group(0) @binding(2) var<storage, read> joint_rows: array<mat3x4<f32>>;
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

// Vertex `v` of `job`'s primitive, morphed and skinned (not normalised). The normal is
// left at zero for a flat-shaded primitive (`deform` gives it its face's) and the
// tangent for one without tangents: neither is read nor worked out.
fn deformed(job: DeformJob, v: u32, flat: bool) -> Deformed {
    let tangents = (job.flags & DEFORM_TANGENT) != 0u;
    let rest = job.rest_offset + v * DEFORM_REST_FLOATS;
    var out = Deformed(data_vec3(rest), vec3<f32>(0.0), vec3<f32>(0.0));
    if !flat {
        out.normal = data_vec3(rest + 3u);
    }
    if tangents {
        out.tangent = data_vec3(rest + 6u);
    }
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
    var skin = mat3x4<f32>(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
    var total = 0.0;
    // Four influences, or eight where the primitive has a second set, without branches
    // (a zero weight adds nothing): on lavapipe's SIMD lanes this runs about twice as
    // fast as skipping zero weights.
    let slots = select(4u, 8u, (job.flags & DEFORM_EIGHT) != 0u);
    for (var slot = 0u; slot < slots; slot++) {
        let w = bitcast<f32>(deform_data[at + 4u + slot]);
        skin += joint_rows[job.joint_offset + joint_of(at, slot)] * w;
        total += w;
    }
    if total != 0.0 {
        let p = vec4<f32>(out.position, 1.0);
        out.position = vec3<f32>(dot(skin[0], p), dot(skin[1], p), dot(skin[2], p));
        // The blended matrix's linear part, column by column.
        let m = transpose(mat3x3<f32>(skin[0].xyz, skin[1].xyz, skin[2].xyz));
        if tangents {
            out.tangent = m * out.tangent;
        }
        if !flat {
            let cofactor = mat3x3<f32>(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
            out.normal = cofactor * out.normal * select(1.0, -1.0, determinant(m) < 0.0);
        }
    }
    return out;
}

fn unit_or_zero(v: vec3<f32>) -> vec3<f32> {
    return select(vec3<f32>(0.0), normalize(v), dot(v, v) > 0.0);
}

// Writes the position of vertex `v` of `job`'s copy, and its tangent where the
// primitive has them.
fn write_position(job: DeformJob, v: u32, position: vec3<f32>, tangent: vec3<f32>) {
    let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    vertices[out] = position.x;
    vertices[out + 1u] = position.y;
    vertices[out + 2u] = position.z;
    if (job.flags & DEFORM_TANGENT) != 0u {
        let t = unit_or_zero(tangent);
        vertices[out + 6u] = t.x;
        vertices[out + 7u] = t.y;
        vertices[out + 8u] = t.z;
    }
}

fn write_normal(job: DeformJob, v: u32, normal: vec3<f32>) {
    let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    vertices[out + 3u] = normal.x;
    vertices[out + 4u] = normal.y;
    vertices[out + 5u] = normal.z;
}

// The first step. One workgroup row (y) per job; x runs over the job's vertices, or
// over a flat-shaded primitive's points, each deformed at the corner that stands for it
// (its other corners and every face normal are `flat_faces`'s). An unindexed
// flat-shaded primitive repeats each point once per triangle around it: the Fox's 1,728
// vertices are 290 points.
@compute @workgroup_size(DEFORM_WORKGROUP)
fn deform(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
    let job = jobs[group.y];
    if id.x >= job.point_count {
        return;
    }
    if (job.flags & DEFORM_FLAT) == 0u {
        let d = deformed(job, id.x, false);
        write_position(job, id.x, d.position, d.tangent);
        write_normal(job, id.x, unit_or_zero(d.normal));
        return;
    }
    let v = deform_data[job.weld_offset + id.x];
    let d = deformed(job, v, true);
    write_position(job, v, d.position, d.tangent);
}

fn written_position(job: DeformJob, v: u32) -> vec3<f32> {
    let at = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    return vec3<f32>(vertices[at], vertices[at + 1u], vertices[at + 2u]);
}

fn written_tangent(job: DeformJob, v: u32) -> vec3<f32> {
    let at = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS + 6u;
    return vec3<f32>(vertices[at], vertices[at + 1u], vertices[at + 2u]);
}

// The second step, for flat-shaded primitives (unindexed: vertices 3k..3k+2 make
// triangle k), one invocation per triangle: each corner gets the position (and tangent)
// its point's representative was given, and the normal of the deformed face. A
// representative's position and tangent are only read here (only its normal is
// written), so no invocation reads what another writes.
@compute @workgroup_size(DEFORM_WORKGROUP)
fn flat_faces(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
    let job = jobs[group.y];
    let first = id.x * 3u;
    if (job.flags & DEFORM_FLAT) == 0u || first >= job.vertex_count {
        return;
    }
    let map = job.weld_offset + job.point_count + first;
    let source = vec3<u32>(deform_data[map], deform_data[map + 1u], deform_data[map + 2u]);
    let a = written_position(job, source.x);
    let b = written_position(job, source.y);
    let c = written_position(job, source.z);
    let n = unit_or_zero(cross(b - a, c - a));
    let positions = array<vec3<f32>, 3>(a, b, c);
    let tangents = (job.flags & DEFORM_TANGENT) != 0u;
    for (var k = 0u; k < 3u; k++) {
        let v = first + k;
        let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
        if source[k] != v {
            let p = positions[k];
            vertices[out] = p.x;
            vertices[out + 1u] = p.y;
            vertices[out + 2u] = p.z;
            if tangents {
                let t = written_tangent(job, source[k]);
                vertices[out + 6u] = t.x;
                vertices[out + 7u] = t.y;
                vertices[out + 8u] = t.z;
            }
        }
        write_normal(job, v, n);
    }
}

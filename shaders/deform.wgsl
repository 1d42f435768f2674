// The deformation pass: once per frame, for each skinned or morphed instance whose pose
// changed, its vertices morphed (offsets weighted by the instance's morph weights) and
// then skinned (linear blend of up to eight joint matrices), written to the instance's
// own copy in the vertex pool, which every later pass draws (shadow maps, the prepass,
// the main pass, instance ids).
//
// The deformation must match `Primitive::deform` in scene/core/src/skinning.rs: normals
// by the cofactor of the blended matrix (the inverse transpose up to scale, signed by
// the determinant), tangents by the blended matrix, both normalised.

#import museion::constants::{DEFORM_MORPH_FLOATS, DEFORM_NO_SKIN, DEFORM_SKIN_WORDS, DEFORM_VERTEX_FLOATS, DEFORM_WORKGROUP}
#import museion::shared::DeformJob

// The vertex pool as floats: sources are read and deformed copies written (disjoint
// ranges of the one buffer).
@group(0) @binding(0) var<storage, read_write> vertices: array<f32>;
// Skinning data (joint pairs as u32, weights as f32 bits) and morph offsets (f32 bits).
@group(0) @binding(1) var<storage, read> deform_data: array<u32>;
@group(0) @binding(2) var<storage, read> joint_matrices: array<mat4x4<f32>>;
@group(0) @binding(3) var<storage, read> morph_weights: array<f32>;
@group(0) @binding(4) var<storage, read> jobs: array<DeformJob>;

fn data_vec3(at: u32) -> vec3<f32> {
    return vec3<f32>(
        bitcast<f32>(deform_data[at]),
        bitcast<f32>(deform_data[at + 1u]),
        bitcast<f32>(deform_data[at + 2u]),
    );
}

fn pool_vec3(at: u32) -> vec3<f32> {
    return vec3<f32>(vertices[at], vertices[at + 1u], vertices[at + 2u]);
}

// The joint index `slot` (0..8) of a vertex's skinning data at `at`.
fn joint_of(at: u32, slot: u32) -> u32 {
    let pair = deform_data[at + slot / 2u];
    return select(pair & 0xffffu, pair >> 16u, (slot & 1u) == 1u);
}

// One workgroup row (y) per job; x runs over the job's vertices.
@compute @workgroup_size(DEFORM_WORKGROUP)
fn deform(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
    let job = jobs[group.y];
    let v = id.x;
    if v >= job.vertex_count {
        return;
    }
    let source = (job.source_vertex + v) * DEFORM_VERTEX_FLOATS;
    var position = pool_vec3(source);
    var normal = pool_vec3(source + 3u);
    var tangent = pool_vec3(source + 6u);
    let sign = vertices[source + 9u];
    for (var t = 0u; t < job.target_count; t++) {
        let w = morph_weights[job.weight_offset + t];
        if w == 0.0 {
            continue;
        }
        let at = job.morph_offset + (t * job.vertex_count + v) * DEFORM_MORPH_FLOATS;
        position += w * data_vec3(at);
        normal += w * data_vec3(at + 3u);
        tangent += w * data_vec3(at + 6u);
    }
    if job.skin_offset != DEFORM_NO_SKIN {
        let at = job.skin_offset + v * DEFORM_SKIN_WORDS;
        var skin = mat4x4<f32>(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
        var total = 0.0;
        for (var slot = 0u; slot < 8u; slot++) {
            let w = bitcast<f32>(deform_data[at + 4u + slot]);
            if w != 0.0 {
                skin += joint_matrices[job.joint_offset + joint_of(at, slot)] * w;
                total += w;
            }
        }
        if total != 0.0 {
            let m = mat3x3<f32>(skin[0].xyz, skin[1].xyz, skin[2].xyz);
            let cofactor = mat3x3<f32>(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
            position = (skin * vec4<f32>(position, 1.0)).xyz;
            normal = cofactor * normal * select(1.0, -1.0, determinant(m) < 0.0);
            tangent = m * tangent;
        }
    }
    let out = (job.target_vertex + v) * DEFORM_VERTEX_FLOATS;
    let n = select(vec3<f32>(0.0), normalize(normal), dot(normal, normal) > 0.0);
    let t = select(vec3<f32>(0.0), normalize(tangent), dot(tangent, tangent) > 0.0);
    vertices[out] = position.x;
    vertices[out + 1u] = position.y;
    vertices[out + 2u] = position.z;
    vertices[out + 3u] = n.x;
    vertices[out + 4u] = n.y;
    vertices[out + 5u] = n.z;
    vertices[out + 6u] = t.x;
    vertices[out + 7u] = t.y;
    vertices[out + 8u] = t.z;
    vertices[out + 9u] = sign;
}

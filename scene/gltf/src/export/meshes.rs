//! Meshes: every primitive's attributes, indices, mode, material, morph targets and
//! material variant mappings.

use super::bin::{ARRAY_BUFFER, Bin, FloatElement};
use super::error::ExportError;
use super::json::{name_and_extras, nums};
use glam::Vec3;
use museion_scene::Scene;
use museion_scene::{Mesh, MorphTarget, Primitive, Topology};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// What the node and animation writers need to know of a written mesh.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct MeshInfo {
    /// Morph targets of every primitive.
    pub targets: usize,
    /// Every primitive has `JOINTS_0` and `WEIGHTS_0`.
    pub skinned: bool,
    /// The largest joint index of any primitive, in either set of influences.
    pub max_joint: u16,
}

/// The written meshes and where each scene mesh went.
pub(crate) struct Meshes {
    /// `meshes`.
    pub json: Vec<Value>,
    /// For every scene mesh, its index in the document and what it holds; `None` when
    /// it had no primitive that draws anything.
    pub written: Vec<Option<(u32, MeshInfo)>>,
}

/// Writes every mesh. Primitives without vertices or indices draw nothing and cannot be
/// written (glTF accessors hold at least one element): they are left out with a
/// warning, and so is a mesh left with no primitive (nodes then lose it). The extensions
/// the primitives use go into `used`.
pub(crate) fn meshes(
    scene: &Scene,
    bin: &mut Bin,
    used: &mut BTreeSet<&'static str>,
) -> Result<Meshes, ExportError> {
    let mut out = Meshes {
        json: Vec::new(),
        written: Vec::with_capacity(scene.meshes.len()),
    };
    for (index, mesh) in scene.meshes.iter().enumerate() {
        let at = format!("mesh {index}");
        let targets = morph_target_count(mesh, &at)?;
        let mut primitives = Vec::with_capacity(mesh.primitives.len());
        let mut info = MeshInfo {
            targets,
            skinned: true,
            max_joint: 0,
        };
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            let at = format!("{at} primitive {p}");
            if primitive.positions.is_empty() || primitive.indices.is_empty() {
                log::warn!("{at}: no vertices or no indices; the primitive draws nothing and is left out");
                continue;
            }
            let mut object = write_primitive(scene, primitive, &at, bin)?;
            super::variants::annotate(scene, index, p, &mut object, &at, used)?;
            primitives.push(Value::Object(object));
            match &primitive.joints {
                Some(joints) if primitive.weights.is_some() => {
                    // JOINTS_1 is written only beside a complete first set.
                    let second = primitive.weights_1.as_ref().and(primitive.joints_1.as_ref());
                    let max = joints
                        .iter()
                        .chain(second.into_iter().flatten())
                        .flatten()
                        .copied()
                        .max();
                    info.max_joint = info.max_joint.max(max.unwrap_or(0));
                }
                _ => info.skinned = false,
            }
        }
        if primitives.is_empty() {
            log::warn!("{at}: no primitive draws anything; the mesh is left out");
            out.written.push(None);
            continue;
        }
        let mut object = Map::new();
        object.insert("primitives".into(), Value::Array(primitives));
        if !mesh.weights.is_empty() {
            object.insert("weights".into(), nums(mesh.weights.iter().copied()));
        }
        name_and_extras(&mut object, mesh.name.as_ref(), mesh.extras.as_ref());
        out.written.push(Some((out.json.len() as u32, info)));
        out.json.push(Value::Object(object));
    }
    Ok(out)
}

/// The number of morph targets, which glTF wants the same in every primitive and equal
/// to the number of default weights when there are any.
fn morph_target_count(mesh: &Mesh, at: &str) -> Result<usize, ExportError> {
    let targets = mesh.primitives.first().map_or(0, |p| p.morph_targets.len());
    if let Some((p, other)) = mesh
        .primitives
        .iter()
        .enumerate()
        .find(|(_, p)| p.morph_targets.len() != targets)
    {
        return Err(ExportError::MorphTargets {
            at: at.to_owned(),
            message: format!(
                "primitive 0 has {targets} morph targets but primitive {p} has {}",
                other.morph_targets.len()
            ),
        });
    }
    if !mesh.weights.is_empty() && mesh.weights.len() != targets {
        return Err(ExportError::MorphTargets {
            at: at.to_owned(),
            message: format!(
                "{} default weights for {targets} morph targets",
                mesh.weights.len()
            ),
        });
    }
    Ok(targets)
}

fn write_primitive(
    scene: &Scene,
    p: &Primitive,
    at: &str,
    bin: &mut Bin,
) -> Result<Map<String, Value>, ExportError> {
    let n = p.vertex_count();
    check_indices(p, at)?;
    let mut attributes = Map::new();
    let mut put = |name: &str, accessor: usize| {
        attributes.insert(name.into(), json!(accessor));
    };
    put(
        "POSITION",
        vertex_floats(bin, &p.positions, "POSITION", n, at, true)?,
    );
    if !p.normals.is_empty() {
        put("NORMAL", vertex_floats(bin, &p.normals, "NORMAL", n, at, false)?);
    }
    if let Some(tangents) = &p.tangents {
        put("TANGENT", vertex_floats(bin, tangents, "TANGENT", n, at, false)?);
    }
    if let Some(uv0) = &p.uv0 {
        put("TEXCOORD_0", vertex_floats(bin, uv0, "TEXCOORD_0", n, at, false)?);
    }
    if let Some(uv1) = &p.uv1 {
        put("TEXCOORD_1", vertex_floats(bin, uv1, "TEXCOORD_1", n, at, false)?);
    }
    if let Some(colors) = &p.colors {
        put("COLOR_0", vertex_floats(bin, colors, "COLOR_0", n, at, false)?);
    }
    if let Some(joints) = &p.joints {
        check_length(joints.len(), "JOINTS_0", n, at)?;
        put("JOINTS_0", bin.joints(joints));
    }
    if let Some(weights) = &p.weights {
        put(
            "WEIGHTS_0",
            vertex_floats(bin, weights, "WEIGHTS_0", n, at, false)?,
        );
    }
    match (&p.joints_1, &p.weights_1) {
        (Some(joints), Some(weights)) if p.is_skinned() => {
            check_length(joints.len(), "JOINTS_1", n, at)?;
            put("JOINTS_1", bin.joints(joints));
            put(
                "WEIGHTS_1",
                vertex_floats(bin, weights, "WEIGHTS_1", n, at, false)?,
            );
        }
        (None, None) => {}
        _ => log::warn!(
            "{at}: JOINTS_1 and WEIGHTS_1 are written only together and after JOINTS_0 and WEIGHTS_0; left out"
        ),
    }

    let mut object = Map::new();
    object.insert("attributes".into(), Value::Object(attributes));
    object.insert("indices".into(), json!(bin.indices(&p.indices)));
    object.insert("mode".into(), json!(mode(p.topology)));
    if let Some(material) = p.material {
        if material.index() >= scene.materials.len() {
            return Err(ExportError::DanglingReference {
                from: at.to_owned(),
                kind: "material",
                index: material.index(),
                count: scene.materials.len(),
            });
        }
        object.insert("material".into(), json!(material.index()));
    }
    if !p.morph_targets.is_empty() {
        let targets = p
            .morph_targets
            .iter()
            .enumerate()
            .map(|(t, target)| write_target(bin, target, n, &format!("{at} morph target {t}")))
            .collect::<Result<Vec<_>, _>>()?;
        object.insert("targets".into(), Value::Array(targets));
    }
    Ok(object)
}

/// glTF's primitive `mode` codes.
fn mode(topology: Topology) -> u32 {
    match topology {
        Topology::Points => 0,
        Topology::Lines => 1,
        Topology::Triangles => 4,
    }
}

fn check_indices(p: &Primitive, at: &str) -> Result<(), ExportError> {
    let n = p.vertex_count();
    if let Some((position, &value)) = p.indices.iter().enumerate().find(|(_, i)| **i as usize >= n) {
        return Err(ExportError::VertexIndexOutOfRange {
            at: at.to_owned(),
            position,
            value,
            vertex_count: n,
        });
    }
    let (per, what) = match p.topology {
        Topology::Triangles => (3, "triangles"),
        Topology::Lines => (2, "lines"),
        Topology::Points => (1, "points"),
    };
    if !p.indices.len().is_multiple_of(per) {
        return Err(ExportError::IndexCount {
            at: at.to_owned(),
            count: p.indices.len(),
            what,
        });
    }
    Ok(())
}

fn check_length(len: usize, attribute: &'static str, n: usize, at: &str) -> Result<(), ExportError> {
    if len == n {
        return Ok(());
    }
    Err(ExportError::AttributeLength {
        at: at.to_owned(),
        attribute,
        len,
        vertex_count: n,
    })
}

/// A per-vertex float attribute, checked to have one entry per vertex.
fn vertex_floats<E: FloatElement>(
    bin: &mut Bin,
    values: &[E],
    attribute: &'static str,
    n: usize,
    at: &str,
    bounds: bool,
) -> Result<usize, ExportError> {
    check_length(values.len(), attribute, n, at)?;
    bin.floats(values, Some(ARRAY_BUFFER), bounds, || format!("{at} {attribute}"))
}

/// A morph target's displacements. A target that moves nothing is written as zero
/// position offsets, since glTF wants at least one attribute in every target.
fn write_target(bin: &mut Bin, target: &MorphTarget, n: usize, at: &str) -> Result<Value, ExportError> {
    let mut object = Map::new();
    // Morph target POSITION accessors need min and max like the base positions.
    let lists: [(&'static str, &[Vec3], bool); 3] = [
        ("POSITION", &target.positions, true),
        ("NORMAL", &target.normals, false),
        ("TANGENT", &target.tangents, false),
    ];
    for (name, values, bounds) in lists {
        if !values.is_empty() {
            let index = vertex_floats(bin, values, name, n, at, bounds)?;
            object.insert(name.into(), json!(index));
        }
    }
    if object.is_empty() {
        let zeros = vec![Vec3::ZERO; n];
        let index = vertex_floats(bin, &zeros, "POSITION", n, at, true)?;
        object.insert("POSITION".into(), json!(index));
    }
    Ok(Value::Object(object))
}

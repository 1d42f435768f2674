//! Meshes and their primitives: attributes, indices, topology, morph targets, then
//! generated normals and tangents where the file has none.

use super::Warning;
use super::accessor::Accessor;
use super::context::Context;
use super::draco::{self, Decoded};
use super::geometry;
use super::influences::{self, Influences};
use crate::error::Error;
use glam::Vec3;
use gltf::json::accessor::Type;
use gltf::json::mesh::Semantic;
use gltf::json::validation::Checked;
use museion_scene::Bounds;
use museion_scene::Material;
use museion_scene::MaterialId;
use museion_scene::tangents::Generated;
use museion_scene::{Mesh, MorphTarget, Primitive, Topology};
use rayon::prelude::*;

/// Converts every mesh of the document in parallel, in document order.
pub(crate) fn convert_all(ctx: &Context, materials: &[Material]) -> Result<(Vec<Mesh>, Vec<Warning>), Error> {
    let results: Vec<Result<(Mesh, Vec<Warning>), Error>> = (0..ctx.doc.meshes.len())
        .into_par_iter()
        .map(|index| {
            let mut warnings = Vec::new();
            convert(ctx, index, materials, &mut warnings).map(|mesh| (mesh, warnings))
        })
        .collect();
    let mut meshes = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for result in results {
        let (mesh, w) = result?;
        meshes.push(mesh);
        warnings.extend(w);
    }
    Ok((meshes, warnings))
}

fn convert(
    ctx: &Context,
    index: usize,
    materials: &[Material],
    warnings: &mut Vec<Warning>,
) -> Result<Mesh, Error> {
    let json = &ctx.doc.meshes[index];
    let mut primitives = Vec::with_capacity(json.primitives.len());
    for (p, primitive) in json.primitives.iter().enumerate() {
        let pointer = format!("/meshes/{index}/primitives/{p}");
        primitives.push(convert_primitive(ctx, primitive, &pointer, materials, warnings)?);
    }
    let weights = json.weights.clone().unwrap_or_default();
    let targets = primitives.first().map_or(0, |p| p.morph_targets.len());
    if primitives.iter().any(|p| p.morph_targets.len() != targets) {
        return Err(ctx.invalid(
            format!("/meshes/{index}"),
            "primitives have different numbers of morph targets",
        ));
    }
    if !weights.is_empty() && weights.len() != targets {
        return Err(ctx.invalid(
            format!("/meshes/{index}/weights"),
            format!("{} weights for {targets} morph targets", weights.len()),
        ));
    }
    let mut mesh = Mesh {
        name: json.name.clone(),
        primitives,
        weights: if weights.is_empty() {
            vec![0.0; targets]
        } else {
            weights
        },
        bounds: Bounds::EMPTY,
        extras: super::extras(&json.extras),
        // Set with the other objects' packets once the scene is built.
        xmp: None,
    };
    mesh.compute_bounds();
    Ok(mesh)
}

/// Where a primitive's accessors are read from: their buffer views, or the primitive's
/// decoded Draco geometry for the attributes it holds.
struct Attributes<'a> {
    ctx: &'a Context,
    json: &'a gltf::json::mesh::Primitive,
    draco: Option<&'a Decoded>,
    pointer: &'a str,
}

impl<'a> Attributes<'a> {
    /// Accessor `index`, referred to from `pointer`.
    fn open(&self, index: u32, pointer: &str) -> Result<Accessor<'a>, Error> {
        match self.draco {
            Some(decoded) => decoded.accessor(self.ctx, index, pointer),
            None => Accessor::new(self.ctx, index, pointer),
        }
    }

    /// An optional attribute's accessor, checked for type and vertex count.
    fn get(
        &self,
        semantic: Semantic,
        types: &[Type],
        vertex_count: usize,
    ) -> Result<Option<Accessor<'a>>, Error> {
        let Some(index) = self.json.attributes.get(&Checked::Valid(semantic.clone())) else {
            return Ok(None);
        };
        let name = semantic.to_string();
        let accessor = self.open(
            index.value() as u32,
            &format!("{}/attributes/{name}", self.pointer),
        )?;
        accessor.expect_type(types, &name)?;
        accessor.expect_count(vertex_count, &name)?;
        Ok(Some(accessor))
    }

    /// `JOINTS_<set>` (unsigned integers, clamped to `u16`), if present.
    fn joints(&self, set: u32, vertex_count: usize) -> Result<Option<Vec<[u16; 4]>>, Error> {
        let Some(accessor) = self.get(Semantic::Joints(set), &[Type::Vec4], vertex_count)? else {
            return Ok(None);
        };
        let joints = accessor.uints(&format!("JOINTS_{set}"))?;
        Ok(Some(
            joints
                .chunks_exact(4)
                .map(|c| [0, 1, 2, 3].map(|k| c[k].min(u32::from(u16::MAX)) as u16))
                .collect(),
        ))
    }
}

fn convert_primitive(
    ctx: &Context,
    json: &gltf::json::mesh::Primitive,
    pointer: &str,
    materials: &[Material],
    warnings: &mut Vec<Warning>,
) -> Result<Primitive, Error> {
    let mode = match json.mode {
        Checked::Valid(mode) => mode,
        Checked::Invalid => return Err(ctx.invalid(format!("{pointer}/mode"), "unknown primitive mode")),
    };
    let material = match json.material {
        Some(m) => {
            ctx.get(
                materials,
                m.value() as u32,
                "material",
                format!("{pointer}/material"),
            )?;
            Some(MaterialId(m.value() as u32))
        }
        None => None,
    };
    let Some(position_index) = json.attributes.get(&Checked::Valid(Semantic::Positions)) else {
        warnings.push(ctx.warning(
            pointer,
            "primitive has no POSITION attribute; it is kept empty and not drawn",
        ));
        return Ok(empty_primitive(material));
    };
    let mut draco = draco::decode(ctx, json, pointer, warnings)?;
    let attributes = Attributes {
        ctx,
        json,
        draco: draco.as_ref(),
        pointer,
    };
    let positions = attributes.open(
        position_index.value() as u32,
        &format!("{pointer}/attributes/POSITION"),
    )?;
    positions.expect_type(&[Type::Vec3], "POSITION")?;
    let n = positions.count;
    if n > u32::MAX as usize {
        return Err(ctx.invalid(
            format!("{pointer}/attributes/POSITION"),
            "more than 2^32 vertices",
        ));
    }
    let positions = positions.vec3s()?;
    if let Some(bad) = positions.iter().position(|p| !p.is_finite()) {
        return Err(ctx.invalid(
            format!("{pointer}/attributes/POSITION"),
            format!("vertex {bad} is not finite"),
        ));
    }

    let normals = match attributes.get(Semantic::Normals, &[Type::Vec3], n)? {
        Some(a) => a.vec3s()?.into_iter().map(|v| v.normalize_or(Vec3::Z)).collect(),
        None => Vec::new(),
    };
    let vec2s = |semantic| {
        attributes
            .get(semantic, &[Type::Vec2], n)?
            .map(|a| a.vec2s())
            .transpose()
    };
    let vec4s = |semantic, types: &[Type], w| {
        attributes
            .get(semantic, types, n)?
            .map(|a| a.vec4s(w))
            .transpose()
    };
    // This order decides which error a primitive with several is reported with.
    let tangents = vec4s(Semantic::Tangents, &[Type::Vec4], 1.0)?;
    let uv0 = vec2s(Semantic::TexCoords(0))?;
    let uv1 = vec2s(Semantic::TexCoords(1))?;
    let colors = vec4s(Semantic::Colors(0), &[Type::Vec3, Type::Vec4], 1.0)?;
    let joints = |set| attributes.joints(set, n);
    let influences = Influences {
        joints: joints(0)?,
        weights: vec4s(Semantic::Weights(0), &[Type::Vec4], 0.0)?,
        joints_1: joints(1)?,
        weights_1: vec4s(Semantic::Weights(1), &[Type::Vec4], 0.0)?,
    }
    .settle(ctx, pointer, warnings);
    note_ignored_attributes(ctx, json, pointer, warnings);

    let draco_indices = draco.as_mut().map(|d| std::mem::take(&mut d.indices));
    let indices = match (draco_indices, json.indices) {
        // Checked against the accessor and the vertex count when decoded.
        (Some(indices), _) => indices,
        (None, Some(index)) => {
            let accessor = Accessor::new(ctx, index.value() as u32, &format!("{pointer}/indices"))?;
            accessor.expect_type(&[Type::Scalar], "indices")?;
            let indices = accessor.uints("indices")?;
            if let Some((position, value)) = indices.iter().enumerate().find(|(_, i)| **i as usize >= n) {
                return Err(Error::VertexIndexOutOfRange {
                    at: ctx.at(&accessor.pointer),
                    position,
                    value: *value,
                    vertex_count: n,
                });
            }
            indices
        }
        (None, None) => {
            ctx.charge(&ctx.geometry, n as u64 * 4, pointer)?;
            (0..n as u32).collect()
        }
    };
    // Draco decodes triangles, whatever the mode (TRIANGLES or TRIANGLE_STRIP) says.
    let mode = if draco.is_some() {
        gltf::json::mesh::Mode::Triangles
    } else {
        mode
    };
    let (topology, indices) = geometry::to_list(mode, indices);

    let morph_targets = match &json.targets {
        Some(targets) => targets
            .iter()
            .enumerate()
            .map(|(t, target)| morph_target(ctx, target, n, &format!("{pointer}/targets/{t}")))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };

    let mut primitive = Primitive {
        topology,
        bounds: Bounds::from_points(&positions),
        positions,
        normals,
        tangents,
        uv0,
        uv1,
        colors,
        joints: influences.joints,
        weights: influences.weights,
        joints_1: influences.joints_1,
        weights_1: influences.weights_1,
        morph_targets,
        indices,
        material,
        deform_bounds: None,
        source_vertex_count: n as u32,
    };
    if topology == Topology::Triangles {
        if primitive.normals.is_empty() {
            ctx.charge(
                &ctx.geometry,
                primitive.indices.len() as u64 * bytes_per_vertex(&primitive),
                pointer,
            )?;
            geometry::flat_normals(&mut primitive);
        }
        if let Some(normal_map) = super::variants::tangent_slot(json, material, materials)
            && primitive.tangents.is_none()
        {
            let uvs = if normal_map.tex_coord == 1 {
                primitive.uv1.as_ref()
            } else {
                primitive.uv0.as_ref()
            };
            match uvs {
                Some(_) => {
                    // Splitting at seams at most doubles the vertices.
                    ctx.charge(
                        &ctx.geometry,
                        primitive.vertex_count() as u64 * bytes_per_vertex(&primitive),
                        pointer,
                    )?;
                    match primitive.generate_tangents(normal_map.tex_coord) {
                        Some(Generated::MikkTSpace { missing: 0 }) | None => {}
                        Some(Generated::MikkTSpace { missing }) => warnings.push(ctx.warning(
                            pointer,
                            format!("{missing} corners of degenerate triangles got an arbitrary tangent"),
                        )),
                        Some(Generated::PerVertex) => warnings.push(ctx.warning(
                            pointer,
                            "too many triangles share a vertex for MikkTSpace; tangents were averaged per vertex",
                        )),
                    }
                }
                None => warnings.push(ctx.warning(
                    pointer,
                    format!(
                        "the material's normal map reads TEXCOORD_{} which the primitive lacks; no tangents",
                        normal_map.tex_coord
                    ),
                )),
            }
        }
    }
    primitive.update_deform_bounds();
    Ok(primitive)
}

/// Bytes one vertex takes across every array the primitive has, for the budget.
fn bytes_per_vertex(p: &Primitive) -> u64 {
    let mut bytes = 12 + 12;
    bytes += p.tangents.as_ref().map_or(0, |_| 16);
    bytes += p.uv0.as_ref().map_or(0, |_| 8) + p.uv1.as_ref().map_or(0, |_| 8);
    bytes += p.colors.as_ref().map_or(0, |_| 16);
    bytes += influences::bytes_per_vertex(p);
    bytes += p.morph_targets.len() * 36;
    bytes as u64
}

fn morph_target(
    ctx: &Context,
    target: &gltf::json::mesh::MorphTarget,
    n: usize,
    pointer: &str,
) -> Result<MorphTarget, Error> {
    let read =
        |index: Option<gltf::json::Index<gltf::json::Accessor>>, name: &str| -> Result<Vec<Vec3>, Error> {
            let Some(index) = index else { return Ok(Vec::new()) };
            let accessor = Accessor::new(ctx, index.value() as u32, &format!("{pointer}/{name}"))?;
            accessor.expect_type(&[Type::Vec3], name)?;
            accessor.expect_count(n, name)?;
            accessor.vec3s()
        };
    Ok(MorphTarget {
        positions: read(target.positions, "POSITION")?,
        normals: read(target.normals, "NORMAL")?,
        tangents: read(target.tangents, "TANGENT")?,
    })
}

/// Attributes a renderer of glTF core would use that Museion does not keep.
fn note_ignored_attributes(
    ctx: &Context,
    json: &gltf::json::mesh::Primitive,
    pointer: &str,
    warnings: &mut Vec<Warning>,
) {
    for semantic in json.attributes.keys() {
        let ignored = match semantic {
            Checked::Valid(Semantic::TexCoords(n)) => *n > 1,
            Checked::Valid(Semantic::Colors(n)) => *n > 0,
            Checked::Valid(Semantic::Joints(n) | Semantic::Weights(n)) => *n > 1,
            Checked::Invalid => true,
            _ => false,
        };
        if ignored {
            let name = match semantic {
                Checked::Valid(s) => s.to_string(),
                Checked::Invalid => "an unrecognised attribute".into(),
            };
            warnings.push(ctx.warning(
                format!("{pointer}/attributes"),
                format!("{name} is not used by Museion; ignored"),
            ));
        }
    }
}

fn empty_primitive(material: Option<MaterialId>) -> Primitive {
    Primitive {
        topology: Topology::Triangles,
        positions: Vec::new(),
        normals: Vec::new(),
        tangents: None,
        uv0: None,
        uv1: None,
        colors: None,
        joints: None,
        weights: None,
        joints_1: None,
        weights_1: None,
        deform_bounds: None,
        morph_targets: Vec::new(),
        indices: Vec::new(),
        material,
        bounds: Bounds::EMPTY,
        source_vertex_count: 0,
    }
}

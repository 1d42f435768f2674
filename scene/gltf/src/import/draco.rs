//! `KHR_draco_mesh_compression`: a primitive whose attributes and indices come from a
//! Draco stream in a buffer view, decoded with the pure-Rust `draco-core` decoder.
//!
//! The extension maps attribute names to Draco attribute ids; each named attribute is
//! read out of the decoded mesh into the layout its accessor declares (component type,
//! normalisation, count), so the rest of the importer reads it like any accessor. Draco
//! re-indexes vertices, so the accessors' counts are the decoded ones. Attributes the
//! extension does not name are read from their buffer views as usual.
//!
//! Bounded work: the decoder may produce at most as many faces as the `indices`
//! accessor declares and at most the bytes left in the geometry budget; every count is
//! checked against the accessors before anything is copied, and a stream the decoder
//! refuses is an [`Error::Draco`]. When the extension is only used, not required, and
//! every accessor involved has a `bufferView`, a stream that cannot be decoded leaves
//! the uncompressed data in use, with a warning, as the extension allows.

use super::Warning;
use super::accessor::{Accessor, Layout, view_bytes};
use super::context::Context;
use crate::error::Error;
use draco_core::{DataType, DecodeLimits, DecoderBuffer, Mesh, MeshDecoder, PointAttribute, PointIndex};
use gltf::json::accessor::{ComponentType, Type};
use gltf::json::mesh::{Mode, Primitive};
use gltf::json::validation::Checked;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The extension's name.
const NAME: &str = "KHR_draco_mesh_compression";

/// The extension object of a primitive.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Extension {
    buffer_view: u32,
    attributes: BTreeMap<String, u32>,
}

/// One attribute the extension names.
struct Target {
    /// The attribute's name (`POSITION`, `TEXCOORD_0`, …).
    name: String,
    /// Its id in the Draco stream.
    id: u32,
    /// The accessor it fills.
    accessor: u32,
}

/// A primitive's geometry as decoded from its Draco stream.
pub(crate) struct Decoded {
    /// Accessor index → its elements, packed tightly in the accessor's layout.
    attributes: Vec<(u32, Vec<u8>)>,
    /// The decoded triangles, three indices each, all below `vertex_count`.
    pub indices: Vec<u32>,
}

impl Decoded {
    /// Accessor `index`: from the decoded geometry when the extension names it, else
    /// from its buffer view.
    pub fn accessor<'a>(
        &'a self,
        ctx: &'a Context,
        index: u32,
        pointer: &str,
    ) -> Result<Accessor<'a>, Error> {
        match self.attributes.iter().find(|(i, _)| *i == index) {
            Some((_, bytes)) => Accessor::decoded(ctx, index, pointer, bytes),
            None => Accessor::new(ctx, index, pointer),
        }
    }
}

/// Decodes the primitive at `pointer` when it has the extension: `Ok(None)` when it
/// has none, or when its stream cannot be decoded and the uncompressed fallback may be
/// read instead (with a warning).
pub(crate) fn decode(
    ctx: &Context,
    json: &Primitive,
    pointer: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Decoded>, Error> {
    let Some(value) = json.extensions.as_ref().and_then(|e| e.others.get(NAME)) else {
        return Ok(None);
    };
    let ext_pointer = format!("{pointer}/extensions/{NAME}");
    let ext = Extension::deserialize(value)
        .map_err(|e| ctx.invalid(&ext_pointer, format!("malformed {NAME} object: {e}")))?;
    match json.mode {
        Checked::Valid(Mode::Triangles | Mode::TriangleStrip) => {}
        _ => {
            return Err(ctx.invalid(
                format!("{pointer}/mode"),
                format!("a primitive with {NAME} must be TRIANGLES or TRIANGLE_STRIP"),
            ));
        }
    }
    let targets = targets(ctx, json, &ext, &ext_pointer)?;
    match decode_stream(ctx, json, &ext, &targets, pointer) {
        Ok(decoded) => Ok(Some(decoded)),
        Err(error) if fallback_allowed(ctx, json, &targets) => {
            warnings.push(ctx.warning(
                &ext_pointer,
                format!("{error}; the uncompressed accessors are read instead"),
            ));
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// The accessor each of the extension's attributes fills.
fn targets(
    ctx: &Context,
    json: &Primitive,
    ext: &Extension,
    ext_pointer: &str,
) -> Result<Vec<Target>, Error> {
    ext.attributes
        .iter()
        .map(|(name, id)| {
            let accessor = json
                .attributes
                .iter()
                .find(|(semantic, _)| matches!(semantic, Checked::Valid(s) if s.to_string() == *name))
                .map(|(_, index)| index.value() as u32)
                .ok_or_else(|| {
                    ctx.invalid(
                        format!("{ext_pointer}/attributes/{name}"),
                        format!("{name} is compressed but the primitive has no such attribute"),
                    )
                })?;
            Ok(Target {
                name: name.clone(),
                id: *id,
                accessor,
            })
        })
        .collect()
}

/// Whether the uncompressed data may stand in: the extension is not required, and
/// every accessor it would fill has a buffer view to read instead.
fn fallback_allowed(ctx: &Context, json: &Primitive, targets: &[Target]) -> bool {
    let has_view = |index: u32| {
        ctx.doc
            .accessors
            .get(index as usize)
            .is_some_and(|a| a.buffer_view.is_some())
    };
    !ctx.doc.extensions_required.iter().any(|e| e == NAME)
        && targets.iter().all(|t| has_view(t.accessor))
        && json.indices.is_none_or(|i| has_view(i.value() as u32))
}

fn decode_stream(
    ctx: &Context,
    json: &Primitive,
    ext: &Extension,
    targets: &[Target],
    pointer: &str,
) -> Result<Decoded, Error> {
    let ext_pointer = &format!("{pointer}/extensions/{NAME}");
    let (stream, _) = view_bytes(ctx, ext.buffer_view, &format!("{ext_pointer}/bufferView"))?;
    let index_count = match json.indices {
        Some(index) => Some(
            ctx.get(
                &ctx.doc.accessors,
                index.value() as u32,
                "accessor",
                format!("{pointer}/indices"),
            )?
            .count
            .0,
        ),
        None => None,
    };
    // The decoder may make no more triangles than the indices accessor declares, and
    // allocate no more than the geometry budget has left.
    let budget = ctx.remaining(&ctx.geometry);
    let limits = DecodeLimits::default()
        .with_max_faces(index_count.map_or(budget / 12, |n| n / 3))
        .with_max_decoded_bytes(budget);
    let mut buffer = DecoderBuffer::new(stream).with_limits(limits);
    let mut mesh = Mesh::new();
    MeshDecoder::new()
        .decode(&mut buffer, &mut mesh)
        .map_err(|e| Error::Draco {
            at: ctx.at(ext_pointer),
            message: e.to_string(),
        })?;
    let points = mesh.num_points();
    let faces = mesh.num_faces();
    log::debug!(
        "{}: {ext_pointer}: {} bytes decoded into {points} vertices and {faces} triangles",
        ctx.file.display(),
        stream.len()
    );
    // What the decoded mesh holds stays allocated while the primitive is converted.
    let held: u64 = targets
        .iter()
        .filter_map(|t| mesh.attribute_by_unique_id(t.id))
        .map(|a| a.buffer().data().len() as u64)
        .sum();
    ctx.charge(&ctx.geometry, held + faces as u64 * 12, ext_pointer)?;

    let indices = indices(ctx, json, &mesh, ext_pointer)?;
    let mut attributes = Vec::with_capacity(targets.len());
    for Target { name, id, accessor } in targets {
        let at = format!("{ext_pointer}/attributes/{name}");
        let attribute = mesh.attribute_by_unique_id(*id).ok_or_else(|| Error::Draco {
            at: ctx.at(&at),
            message: format!("the stream has no attribute with id {id}"),
        })?;
        let layout = accessor_layout(ctx, *accessor, &at)?;
        let declared = ctx.doc.accessors[*accessor as usize].count.0;
        if declared != points as u64 {
            return Err(Error::DecodedSize {
                at: ctx.at(format!("/accessors/{accessor}/count")),
                what: format!("{name} vertices"),
                declared,
                decoded: points as u64,
            });
        }
        let bytes = pack(attribute, points, layout).map_err(|message| Error::Draco {
            at: ctx.at(&at),
            message,
        })?;
        attributes.push((*accessor, bytes));
    }
    Ok(Decoded { attributes, indices })
}

/// The decoded triangles as indices, checked against the `indices` accessor's count
/// and component type and against the vertex count.
fn indices(ctx: &Context, json: &Primitive, mesh: &Mesh, ext_pointer: &str) -> Result<Vec<u32>, Error> {
    let points = mesh.num_points();
    let mut indices = Vec::with_capacity(mesh.num_faces() * 3);
    indices.extend(mesh.faces().iter().flatten().map(|p| p.0));
    let max = match json.indices {
        Some(index) => {
            let index = index.value() as u32;
            let pointer = format!("/accessors/{index}");
            let accessor = &ctx.doc.accessors[index as usize];
            if accessor.count.0 != indices.len() as u64 {
                return Err(Error::DecodedSize {
                    at: ctx.at(format!("{pointer}/count")),
                    what: "indices".into(),
                    declared: accessor.count.0,
                    decoded: indices.len() as u64,
                });
            }
            match accessor.component_type {
                Checked::Valid(c) if c.0 == ComponentType::U8 => u32::from(u8::MAX),
                Checked::Valid(c) if c.0 == ComponentType::U16 => u32::from(u16::MAX),
                Checked::Valid(c) if c.0 == ComponentType::U32 => u32::MAX,
                _ => {
                    return Err(ctx.invalid(
                        format!("{pointer}/componentType"),
                        "indices must be UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT",
                    ));
                }
            }
        }
        None => u32::MAX,
    };
    if let Some((position, value)) = indices
        .iter()
        .enumerate()
        .find(|(_, i)| **i as usize >= points || **i > max)
    {
        return Err(Error::Draco {
            at: ctx.at(ext_pointer),
            message: format!(
                "decoded index {value} at position {position} is not below the {points} vertices or does not fit the indices accessor"
            ),
        });
    }
    Ok(indices)
}

/// The layout of accessor `index`, which must be a vector or scalar.
fn accessor_layout(ctx: &Context, index: u32, at: &str) -> Result<Layout, Error> {
    let json = ctx.get(&ctx.doc.accessors, index, "accessor", at)?;
    let pointer = format!("/accessors/{index}");
    let (Checked::Valid(component), Checked::Valid(ty)) = (json.component_type, json.type_) else {
        return Err(ctx.invalid(pointer, "unknown component type or accessor type"));
    };
    if matches!(ty, Type::Mat2 | Type::Mat3 | Type::Mat4) {
        return Err(ctx.invalid(format!("{pointer}/type"), "a Draco attribute cannot be a matrix"));
    }
    Ok(Layout {
        component: component.0,
        ty,
        normalized: json.normalized,
    })
}

/// The Draco type stored as `component`, if one is.
fn draco_type(component: ComponentType) -> DataType {
    match component {
        ComponentType::I8 => DataType::Int8,
        ComponentType::U8 => DataType::Uint8,
        ComponentType::I16 => DataType::Int16,
        ComponentType::U16 => DataType::Uint16,
        ComponentType::U32 => DataType::Uint32,
        ComponentType::F32 => DataType::Float32,
    }
}

/// The attribute's value at every point, packed in `layout`: the bytes as they are
/// when Draco stores the accessor's component type, converted otherwise.
fn pack(attribute: &PointAttribute, points: usize, layout: Layout) -> Result<Vec<u8>, String> {
    let components = layout.components();
    if usize::from(attribute.num_components()) != components {
        return Err(format!(
            "the attribute has {} components but its accessor {}",
            attribute.num_components(),
            components
        ));
    }
    let source = attribute.data_type();
    let width = source.byte_length();
    let stride = usize::try_from(attribute.byte_stride()).unwrap_or(0);
    if width == 0 || stride < width * components {
        return Err(format!(
            "the attribute's layout ({source:?}, stride {stride}) is unusable"
        ));
    }
    let data = attribute.buffer().data();
    let size = layout.component.size();
    let same = draco_type(layout.component) == source;
    let mut out = Vec::with_capacity(points * components * size);
    for point in 0..points {
        let value = attribute.mapped_index(PointIndex(point as u32)).0 as usize;
        let start = value.checked_mul(stride).filter(|_| value < attribute.size());
        let range = start.and_then(|s| Some(s..s.checked_add(width * components)?));
        let Some(element) = range.and_then(|r| data.get(r)) else {
            return Err(format!(
                "vertex {point} maps to value {value}, which the attribute lacks"
            ));
        };
        if same {
            out.extend_from_slice(element);
        } else {
            for component in element.chunks_exact(width) {
                let v = read_component(source, component, attribute.normalized());
                write_component(&mut out, v, layout);
            }
        }
    }
    Ok(out)
}

/// One Draco component as a number: integers normalised to [0, 1] or [-1, 1] when the
/// attribute says so.
fn read_component(ty: DataType, b: &[u8], normalized: bool) -> f64 {
    let (value, max) = match ty {
        DataType::Int8 => (f64::from(b[0] as i8), 127.0),
        DataType::Uint8 | DataType::Bool => (f64::from(b[0]), 255.0),
        DataType::Int16 => (f64::from(i16::from_le_bytes([b[0], b[1]])), 32767.0),
        DataType::Uint16 => (f64::from(u16::from_le_bytes([b[0], b[1]])), 65535.0),
        DataType::Int32 => (
            f64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            2147483647.0,
        ),
        DataType::Uint32 => (
            f64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            4294967295.0,
        ),
        DataType::Int64 => (i64::from_le_bytes(eight(b)) as f64, i64::MAX as f64),
        DataType::Uint64 => (u64::from_le_bytes(eight(b)) as f64, u64::MAX as f64),
        DataType::Float32 => return f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        DataType::Float64 => return f64::from_le_bytes(eight(b)),
        DataType::Invalid => return 0.0,
    };
    if normalized {
        (value / max).max(-1.0)
    } else {
        value
    }
}

fn eight(b: &[u8]) -> [u8; 8] {
    [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]
}

/// Appends `v` as one component of `layout`: a normalised integer scaled from [0, 1] or
/// [-1, 1], any other integer rounded; both clamped to the type's range.
fn write_component(out: &mut Vec<u8>, v: f64, layout: Layout) {
    let int = |max: f64, min: f64| {
        let scaled = if layout.normalized { v * max } else { v };
        scaled.round().clamp(min, max)
    };
    match layout.component {
        ComponentType::F32 => out.extend_from_slice(&(v as f32).to_le_bytes()),
        ComponentType::I8 => out.push(int(127.0, -128.0) as i8 as u8),
        ComponentType::U8 => out.push(int(255.0, 0.0) as u8),
        ComponentType::I16 => out.extend_from_slice(&(int(32767.0, -32768.0) as i16).to_le_bytes()),
        ComponentType::U16 => out.extend_from_slice(&(int(65535.0, 0.0) as u16).to_le_bytes()),
        ComponentType::U32 => out.extend_from_slice(&(int(4294967295.0, 0.0) as u32).to_le_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_convert_between_types() {
        let normalized_short = Layout {
            component: ComponentType::I16,
            ty: Type::Vec3,
            normalized: true,
        };
        let mut out = Vec::new();
        write_component(
            &mut out,
            read_component(DataType::Float32, &(-0.5f32).to_le_bytes(), false),
            normalized_short,
        );
        assert_eq!(out, (-16384i16).to_le_bytes());
        let float = Layout {
            component: ComponentType::F32,
            ty: Type::Vec4,
            normalized: false,
        };
        out.clear();
        write_component(&mut out, read_component(DataType::Uint8, &[255], true), float);
        assert_eq!(out, 1.0f32.to_le_bytes());
        let joints = Layout {
            component: ComponentType::U8,
            ty: Type::Vec4,
            normalized: false,
        };
        out.clear();
        write_component(
            &mut out,
            read_component(DataType::Uint16, &300u16.to_le_bytes(), false),
            joints,
        );
        assert_eq!(out, [255], "out of range clamps");
    }
}

//! Reading accessors: every component type, normalised integers, byte strides, matrix
//! column padding and sparse substitution, with every byte range checked first.

use super::context::Context;
use super::meshopt;
use crate::error::Error;
use glam::{Vec2, Vec3, Vec4};
use gltf::json::accessor::{ComponentType, Type};
use gltf::json::validation::Checked;

/// The element shape of an accessor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    pub component: ComponentType,
    pub ty: Type,
    pub normalized: bool,
}

impl Layout {
    pub fn components(&self) -> usize {
        self.ty.multiplicity()
    }

    /// Byte offset of every component within an element. Matrix columns of 1- and
    /// 2-byte components start on 4-byte boundaries (glTF 2.0 §3.6.2.4).
    fn component_offsets(&self) -> ([usize; 16], usize) {
        let size = self.component.size();
        let (columns, rows) = match self.ty {
            Type::Mat2 => (2, 2),
            Type::Mat3 => (3, 3),
            Type::Mat4 => (4, 4),
            other => (1, other.multiplicity()),
        };
        let column_stride = (rows * size).div_ceil(4) * 4;
        let column_stride = if columns == 1 { rows * size } else { column_stride };
        let mut offsets = [0; 16];
        for c in 0..columns {
            for r in 0..rows {
                offsets[c * rows + r] = c * column_stride + r * size;
            }
        }
        (offsets, columns * column_stride)
    }
}

/// Bytes of one component of an element, read as a float (normalised when asked).
fn component_f32(component: ComponentType, b: &[u8], normalized: bool) -> f32 {
    match component {
        ComponentType::F32 => f32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        ComponentType::U32 => {
            let v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            if normalized {
                (f64::from(v) / f64::from(u32::MAX)) as f32
            } else {
                v as f32
            }
        }
        ComponentType::U16 => {
            let v = f32::from(u16::from_le_bytes([b[0], b[1]]));
            if normalized { v / 65535.0 } else { v }
        }
        ComponentType::I16 => {
            let v = f32::from(i16::from_le_bytes([b[0], b[1]]));
            if normalized { (v / 32767.0).max(-1.0) } else { v }
        }
        ComponentType::U8 => {
            let v = f32::from(b[0]);
            if normalized { v / 255.0 } else { v }
        }
        ComponentType::I8 => {
            let v = f32::from(b[0] as i8);
            if normalized { (v / 127.0).max(-1.0) } else { v }
        }
    }
}

/// Bytes of one unsigned integer component (`normalized` does not apply to integers read
/// as integers).
fn component_u32(component: ComponentType, b: &[u8], _normalized: bool) -> u32 {
    match component {
        ComponentType::U32 => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        ComponentType::U16 => u32::from(u16::from_le_bytes([b[0], b[1]])),
        ComponentType::U8 => u32::from(b[0]),
        // Callers accept only unsigned integer layouts.
        ComponentType::I8 | ComponentType::I16 | ComponentType::F32 => 0,
    }
}

/// Element data in a byte slice: `count` elements, `stride` apart, each laid out by
/// `offsets`. Constructed only after the whole range was checked against the slice.
struct Strided<'a> {
    bytes: &'a [u8],
    count: usize,
    stride: usize,
    offsets: [usize; 16],
    layout: Layout,
}

impl Strided<'_> {
    /// Converts every component with `convert(component type, bytes, normalized)`.
    fn read_into<T>(&self, out: &mut [T], convert: fn(ComponentType, &[u8], bool) -> T) {
        let n = self.layout.components();
        let size = self.layout.component.size();
        for (i, element) in out.chunks_exact_mut(n).take(self.count).enumerate() {
            let base = i * self.stride;
            for (c, value) in element.iter_mut().enumerate() {
                let at = base + self.offsets[c];
                *value = convert(
                    self.layout.component,
                    &self.bytes[at..at + size],
                    self.layout.normalized,
                );
            }
        }
    }
}

/// An accessor resolved against its buffers, ready to read.
pub(crate) struct Accessor<'a> {
    ctx: &'a Context,
    pub pointer: String,
    pub layout: Layout,
    pub count: usize,
    data: Option<Strided<'a>>,
    sparse: Option<Sparse<'a>>,
}

struct Sparse<'a> {
    pointer: String,
    indices: Strided<'a>,
    values: Strided<'a>,
}

/// The bytes of a buffer view, checked against its buffer, or decoded from its
/// `EXT_meshopt_compression`/`KHR_meshopt_compression` extension.
pub(crate) fn view_bytes<'a>(
    ctx: &'a Context,
    view_index: u32,
    pointer: &str,
) -> Result<(&'a [u8], Option<usize>), Error> {
    let view = ctx.get(&ctx.doc.buffer_views, view_index, "bufferView", pointer)?;
    let view_pointer = format!("/bufferViews/{view_index}");
    let buffer_index = view.buffer.value() as u32;
    ctx.get(
        &ctx.doc.buffers,
        buffer_index,
        "buffer",
        format!("{view_pointer}/buffer"),
    )?;
    let stride = view.byte_stride.map(|s| s.0);
    // A meshopt-compressed view is decoded from its extension's buffer; its own buffer
    // is the fallback for other readers and is never opened.
    if let Some(decoded) = meshopt::decoded_view(ctx, view_index)? {
        return Ok((decoded, stride));
    }
    meshopt::refuse_fallback_buffer(ctx, buffer_index as usize, &view_pointer)?;
    let buffer = ctx.buffers.get(ctx, buffer_index as usize)?.ok_or_else(|| {
        ctx.invalid(
            format!("{view_pointer}/buffer"),
            format!("buffer {buffer_index} has no data: it has no uri and is not the GLB binary chunk"),
        )
    })?;
    let offset = view.byte_offset.map_or(0, |o| o.0);
    let length = view.byte_length.0;
    let end = offset.checked_add(length);
    match end {
        Some(end) if end <= buffer.len() as u64 => {}
        _ => {
            return Err(Error::OutOfBounds {
                at: ctx.at(view_pointer),
                message: format!(
                    "bytes {offset}..{offset}+{length} reach past the end of buffer {buffer_index} ({} bytes)",
                    buffer.len()
                ),
            });
        }
    }
    Ok((&buffer[offset as usize..(offset + length) as usize], stride))
}

/// `count` elements of `element_size` bytes, `stride` apart, from `offset`.
#[derive(Clone, Copy)]
struct Span {
    offset: u64,
    count: usize,
    stride: usize,
    element_size: usize,
}

/// Checks that `span` fits in `bytes` and returns the slice it covers.
fn checked_range<'a>(
    ctx: &Context,
    bytes: &'a [u8],
    span: Span,
    pointer: &str,
    what: &str,
) -> Result<&'a [u8], Error> {
    let Span {
        offset,
        count,
        stride,
        element_size,
    } = span;
    let needed = if count == 0 {
        Some(0)
    } else {
        (count as u64 - 1)
            .checked_mul(stride as u64)
            .and_then(|n| n.checked_add(element_size as u64))
    };
    let end = needed.and_then(|n| n.checked_add(offset));
    match end {
        Some(end) if end <= bytes.len() as u64 => Ok(&bytes[offset as usize..end as usize]),
        _ => Err(Error::OutOfBounds {
            at: ctx.at(pointer),
            message: format!(
                "{what}: {count} elements of {element_size} bytes, {stride} apart, from offset {offset} need more than the {} bytes of the buffer view",
                bytes.len()
            ),
        }),
    }
}

fn is_unsigned_integer(component: ComponentType) -> bool {
    matches!(
        component,
        ComponentType::U8 | ComponentType::U16 | ComponentType::U32
    )
}

/// Elements laid out by `layout` in buffer view `view_index`, checked to fit. A span
/// stride of 0 takes the view's `byteStride`, or packs the elements tightly.
fn strided<'a>(
    ctx: &'a Context,
    view_index: u32,
    mut span: Span,
    layout: Layout,
    pointer: &str,
    what: &str,
) -> Result<Strided<'a>, Error> {
    let (bytes, view_stride) = view_bytes(ctx, view_index, &format!("{pointer}/bufferView"))?;
    if span.stride == 0 {
        // Some exporters write byteStride 0 for "tightly packed" (its meaning in glTF
        // 1.0); read it that way rather than refuse the file.
        span.stride = view_stride.filter(|s| *s != 0).unwrap_or(span.element_size);
    }
    if span.stride < span.element_size {
        return Err(ctx.invalid(
            format!("/bufferViews/{view_index}/byteStride"),
            format!(
                "byteStride {} is smaller than the {}-byte elements of {pointer}",
                span.stride, span.element_size
            ),
        ));
    }
    let (offsets, _) = layout.component_offsets();
    Ok(Strided {
        bytes: checked_range(ctx, bytes, span, pointer, what)?,
        count: span.count,
        stride: span.stride,
        offsets,
        layout,
    })
}

/// The indices and values of a sparse accessor of `count` elements.
fn read_sparse<'a>(
    ctx: &'a Context,
    sparse: &gltf::json::accessor::sparse::Sparse,
    count: usize,
    layout: Layout,
    pointer: &str,
) -> Result<Sparse<'a>, Error> {
    let sparse_count = sparse.count.0;
    if sparse_count > count as u64 {
        return Err(ctx.invalid(
            format!("{pointer}/count"),
            format!("{sparse_count} sparse elements in an accessor of {count}"),
        ));
    }
    let sparse_count = sparse_count as usize;
    let indices_pointer = format!("{pointer}/indices");
    let index_component = match sparse.indices.component_type {
        Checked::Valid(c) if is_unsigned_integer(c.0) => c.0,
        _ => {
            return Err(ctx.invalid(
                format!("{indices_pointer}/componentType"),
                "sparse indices must be UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT",
            ));
        }
    };
    let index_layout = Layout {
        component: index_component,
        ty: Type::Scalar,
        normalized: false,
    };
    let size = index_component.size();
    let indices = strided(
        ctx,
        sparse.indices.buffer_view.value() as u32,
        Span {
            offset: sparse.indices.byte_offset.0,
            count: sparse_count,
            stride: size,
            element_size: size,
        },
        index_layout,
        &indices_pointer,
        "sparse indices",
    )?;
    let (_, element_size) = layout.component_offsets();
    let values = strided(
        ctx,
        sparse.values.buffer_view.value() as u32,
        Span {
            offset: sparse.values.byte_offset.0,
            count: sparse_count,
            stride: element_size,
            element_size,
        },
        layout,
        &format!("{pointer}/values"),
        "sparse values",
    )?;
    Ok(Sparse {
        pointer: indices_pointer,
        indices,
        values,
    })
}

/// An accessor's JSON, pointer, element layout and count, with its decoded size charged
/// to the geometry budget.
struct Header<'a> {
    json: &'a gltf::json::Accessor,
    pointer: String,
    layout: Layout,
    count: usize,
}

impl<'a> Header<'a> {
    fn resolve(ctx: &'a Context, index: u32, ref_pointer: &str) -> Result<Self, Error> {
        let json = ctx.get(&ctx.doc.accessors, index, "accessor", ref_pointer)?;
        let pointer = format!("/accessors/{index}");
        let component = match json.component_type {
            Checked::Valid(c) => c.0,
            Checked::Invalid => {
                return Err(ctx.invalid(format!("{pointer}/componentType"), "unknown component type"));
            }
        };
        let ty = match json.type_ {
            Checked::Valid(t) => t,
            Checked::Invalid => return Err(ctx.invalid(format!("{pointer}/type"), "unknown accessor type")),
        };
        let layout = Layout {
            component,
            ty,
            normalized: json.normalized,
        };
        let count = json.count.0;
        // Every element becomes at least one 4-byte value per component: charge that
        // before anything is allocated.
        let decoded = count.saturating_mul(layout.components() as u64).saturating_mul(4);
        ctx.charge(&ctx.geometry, decoded, &pointer)?;
        let count = usize::try_from(count)
            .map_err(|_| ctx.invalid(format!("{pointer}/count"), "count does not fit in memory"))?;
        Ok(Self {
            json,
            pointer,
            layout,
            count,
        })
    }
}

impl<'a> Accessor<'a> {
    /// Resolves accessor `index`, referred to from `ref_pointer`.
    pub fn new(ctx: &'a Context, index: u32, ref_pointer: &str) -> Result<Self, Error> {
        let Header {
            json,
            pointer,
            layout,
            count,
        } = Header::resolve(ctx, index, ref_pointer)?;
        let (_, element_size) = layout.component_offsets();
        let data = match json.buffer_view {
            Some(view) => Some(strided(
                ctx,
                view.value() as u32,
                Span {
                    offset: json.byte_offset.map_or(0, |o| o.0),
                    count,
                    stride: 0, // the view's byteStride, or tightly packed
                    element_size,
                },
                layout,
                &pointer,
                "accessor",
            )?),
            None => None,
        };
        let sparse = match &json.sparse {
            Some(sparse) => Some(read_sparse(
                ctx,
                sparse,
                count,
                layout,
                &format!("{pointer}/sparse"),
            )?),
            None => None,
        };
        if data.is_none() && sparse.is_none() && count > 0 {
            log::debug!(
                "{}: {pointer} has no bufferView; its {count} elements are zeros",
                ctx.file.display()
            );
        }
        Ok(Self {
            ctx,
            pointer,
            layout,
            count,
            data,
            sparse,
        })
    }

    /// Accessor `index` filled from decompressed `bytes` instead of its buffer view
    /// (`KHR_draco_mesh_compression`): its elements packed tightly in its own layout.
    /// The accessor's `bufferView`, `byteOffset` and `sparse` are ignored, as that
    /// extension asks.
    pub fn decoded(ctx: &'a Context, index: u32, ref_pointer: &str, bytes: &'a [u8]) -> Result<Self, Error> {
        let Header {
            pointer,
            layout,
            count,
            ..
        } = Header::resolve(ctx, index, ref_pointer)?;
        let (offsets, element_size) = layout.component_offsets();
        let expected = count as u64 * element_size as u64;
        if bytes.len() as u64 != expected {
            return Err(Error::DecodedSize {
                at: ctx.at(&pointer),
                what: "bytes of decoded elements".into(),
                declared: expected,
                decoded: bytes.len() as u64,
            });
        }
        Ok(Self {
            ctx,
            pointer,
            layout,
            count,
            data: Some(Strided {
                bytes,
                count,
                stride: element_size,
                offsets,
                layout,
            }),
            sparse: None,
        })
    }

    /// Fails unless the accessor's type is one of `types`.
    pub fn expect_type(&self, types: &[Type], role: &str) -> Result<(), Error> {
        if types.contains(&self.layout.ty) {
            return Ok(());
        }
        let names: Vec<&str> = types.iter().map(|t| type_name(*t)).collect();
        Err(self.ctx.invalid(
            format!("{}/type", self.pointer),
            format!(
                "{role} must be {}, found {}",
                names.join(" or "),
                type_name(self.layout.ty)
            ),
        ))
    }

    /// Fails unless the accessor has exactly `count` elements.
    pub fn expect_count(&self, count: usize, role: &str) -> Result<(), Error> {
        if self.count == count {
            return Ok(());
        }
        Err(self.ctx.invalid(
            format!("{}/count", self.pointer),
            format!(
                "{role} has {} elements but the primitive has {count} vertices",
                self.count
            ),
        ))
    }

    /// Every component as a float, element after element (normalised integers mapped to
    /// [0, 1] or [-1, 1]), with sparse values substituted.
    pub fn floats(&self) -> Result<Vec<f32>, Error> {
        self.read(component_f32)
    }

    /// Every component as an unsigned integer; the component type must be unsigned.
    pub fn uints(&self, role: &str) -> Result<Vec<u32>, Error> {
        if !is_unsigned_integer(self.layout.component) {
            return Err(self.ctx.invalid(
                format!("{}/componentType", self.pointer),
                format!(
                    "{role} must be unsigned integers, found {:?}",
                    self.layout.component
                ),
            ));
        }
        self.read(component_u32)
    }

    fn read<T: Copy + Default>(&self, convert: fn(ComponentType, &[u8], bool) -> T) -> Result<Vec<T>, Error> {
        let n = self.layout.components();
        let mut out = vec![T::default(); self.count * n];
        if let Some(data) = &self.data {
            data.read_into(&mut out, convert);
        }
        if let Some(sparse) = &self.sparse {
            let targets = self.sparse_targets(sparse)?;
            let mut values = vec![T::default(); sparse.values.count * n];
            sparse.values.read_into(&mut values, convert);
            for (target, value) in targets.iter().zip(values.chunks_exact(n)) {
                let at = *target as usize * n;
                out[at..at + n].copy_from_slice(value);
            }
        }
        Ok(out)
    }

    fn sparse_targets(&self, sparse: &Sparse) -> Result<Vec<u32>, Error> {
        let mut targets = vec![0u32; sparse.indices.count];
        sparse.indices.read_into(&mut targets, component_u32);
        if let Some((position, bad)) = targets
            .iter()
            .enumerate()
            .find(|(_, t)| **t as usize >= self.count)
        {
            return Err(Error::OutOfBounds {
                at: self.ctx.at(&sparse.pointer),
                message: format!(
                    "sparse index {bad} at position {position} is not below the accessor count {}",
                    self.count
                ),
            });
        }
        Ok(targets)
    }

    /// VEC2 data.
    pub fn vec2s(&self) -> Result<Vec<Vec2>, Error> {
        Ok(self.floats()?.chunks_exact(2).map(Vec2::from_slice).collect())
    }

    /// VEC3 data.
    pub fn vec3s(&self) -> Result<Vec<Vec3>, Error> {
        Ok(self.floats()?.chunks_exact(3).map(Vec3::from_slice).collect())
    }

    /// VEC4 data, or VEC3 data with `w` set to `w_fill`.
    pub fn vec4s(&self, w_fill: f32) -> Result<Vec<Vec4>, Error> {
        let floats = self.floats()?;
        Ok(match self.layout.components() {
            3 => floats
                .chunks_exact(3)
                .map(|c| Vec3::from_slice(c).extend(w_fill))
                .collect(),
            _ => floats.chunks_exact(4).map(Vec4::from_slice).collect(),
        })
    }
}

pub(crate) fn type_name(ty: Type) -> &'static str {
    match ty {
        Type::Scalar => "SCALAR",
        Type::Vec2 => "VEC2",
        Type::Vec3 => "VEC3",
        Type::Vec4 => "VEC4",
        Type::Mat2 => "MAT2",
        Type::Mat3 => "MAT3",
        Type::Mat4 => "MAT4",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_columns_of_small_components_are_padded() {
        let mat3_u8 = Layout {
            component: ComponentType::U8,
            ty: Type::Mat3,
            normalized: true,
        };
        let (offsets, size) = mat3_u8.component_offsets();
        assert_eq!(size, 12);
        assert_eq!(&offsets[..9], &[0, 1, 2, 4, 5, 6, 8, 9, 10]);
        let mat2_i8 = Layout {
            component: ComponentType::I8,
            ty: Type::Mat2,
            normalized: true,
        };
        let (offsets, size) = mat2_i8.component_offsets();
        assert_eq!(size, 8);
        assert_eq!(&offsets[..4], &[0, 1, 4, 5]);
        let mat3_i16 = Layout {
            component: ComponentType::I16,
            ty: Type::Mat3,
            normalized: true,
        };
        assert_eq!(mat3_i16.component_offsets().1, 24);
        let mat4_f32 = Layout {
            component: ComponentType::F32,
            ty: Type::Mat4,
            normalized: false,
        };
        assert_eq!(mat4_f32.component_offsets().1, 64);
        let vec3_u8 = Layout {
            component: ComponentType::U8,
            ty: Type::Vec3,
            normalized: false,
        };
        let (offsets, size) = vec3_u8.component_offsets();
        assert_eq!((size, &offsets[..3]), (3, &[0, 1, 2][..]));
    }

    #[test]
    fn normalized_integers_follow_the_specification() {
        assert_eq!(component_f32(ComponentType::I8, &[0x81], true), -1.0); // -127
        assert_eq!(component_f32(ComponentType::I8, &[0x80], true), -1.0); // -128 clamps
        assert_eq!(component_f32(ComponentType::I8, &[127], true), 1.0);
        assert_eq!(component_f32(ComponentType::U8, &[255], true), 1.0);
        assert_eq!(component_f32(ComponentType::U8, &[51], true), 0.2);
        assert_eq!(
            component_f32(ComponentType::I16, &(-32768i16).to_le_bytes(), true),
            -1.0
        );
        assert_eq!(
            component_f32(ComponentType::U16, &65535u16.to_le_bytes(), true),
            1.0
        );
        assert_eq!(
            component_f32(ComponentType::I16, &(-7i16).to_le_bytes(), false),
            -7.0
        );
        assert_eq!(
            component_f32(ComponentType::F32, &1.5f32.to_le_bytes(), false),
            1.5
        );
    }
}

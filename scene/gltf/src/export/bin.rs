//! The binary chunk: buffer views and accessors over tightly packed little-endian data.
//!
//! Every buffer view starts on a 4-byte boundary and holds one accessor at offset 0, so
//! every accessor is aligned to its component size and vertex elements to 4 bytes, as
//! glTF requires, and no view needs a `byteStride`.

use super::error::ExportError;
use super::glb::padded;
use super::json::nums;
use glam::{Mat4, Vec2, Vec3, Vec4};
use serde_json::{Value, json};

/// `componentType` codes.
const UNSIGNED_SHORT: u32 = 5123;
const UNSIGNED_INT: u32 = 5125;
const FLOAT: u32 = 5126;

/// Buffer view `target` of vertex attributes (`ARRAY_BUFFER`).
pub(crate) const ARRAY_BUFFER: u32 = 34962;
/// Buffer view `target` of vertex indices (`ELEMENT_ARRAY_BUFFER`).
pub(crate) const ELEMENT_ARRAY_BUFFER: u32 = 34963;

/// A value an accessor of `FLOAT` components holds.
pub(crate) trait FloatElement: Copy {
    /// The accessor `type`.
    const TYPE: &'static str;
    /// The components, in the order glTF stores them (column-major for matrices).
    type Array: AsRef<[f32]>;
    /// The components of this value.
    fn array(self) -> Self::Array;
}

macro_rules! float_element {
    ($ty:ty, $name:literal, $n:literal, |$v:ident| $array:expr) => {
        impl FloatElement for $ty {
            const TYPE: &'static str = $name;
            type Array = [f32; $n];
            fn array(self) -> [f32; $n] {
                let $v = self;
                $array
            }
        }
    };
}

float_element!(f32, "SCALAR", 1, |v| [v]);
float_element!(Vec2, "VEC2", 2, |v| v.to_array());
float_element!(Vec3, "VEC3", 3, |v| v.to_array());
float_element!(Vec4, "VEC4", 4, |v| v.to_array());
float_element!(Mat4, "MAT4", 16, |v| v.to_cols_array());

/// The binary chunk under construction, with the JSON of its views and accessors.
#[derive(Default)]
pub(crate) struct Bin {
    /// The bytes of buffer 0.
    pub data: Vec<u8>,
    /// `bufferViews`.
    pub views: Vec<Value>,
    /// `accessors`.
    pub accessors: Vec<Value>,
}

impl Bin {
    /// Starts a buffer view at the next 4-byte boundary; returns its offset.
    fn begin_view(&mut self) -> usize {
        let offset = padded(self.data.len());
        self.data.resize(offset, 0);
        offset
    }

    /// Closes the view begun at `offset` and returns its index.
    fn end_view(&mut self, offset: usize, target: Option<u32>) -> usize {
        let mut view = json!({
            "buffer": 0,
            "byteOffset": offset,
            "byteLength": self.data.len() - offset,
        });
        if let Some(target) = target {
            view["target"] = json!(target);
        }
        self.views.push(view);
        self.views.len() - 1
    }

    /// A buffer view over `bytes` (an encoded image, say); returns its index.
    pub(crate) fn view(&mut self, bytes: &[u8]) -> usize {
        let offset = self.begin_view();
        self.data.extend_from_slice(bytes);
        self.end_view(offset, None)
    }

    fn accessor(&mut self, view: usize, component: u32, count: usize, ty: &str) -> &mut Value {
        self.accessors.push(json!({
            "bufferView": view,
            "componentType": component,
            "count": count,
            "type": ty,
        }));
        let last = self.accessors.len() - 1;
        &mut self.accessors[last]
    }

    /// A `FLOAT` accessor over `values` in a view of its own; with `bounds`, its `min`
    /// and `max` (required for `POSITION` and animation inputs). Fails on an empty list
    /// (glTF accessors hold at least one element) and on NaN or infinity, naming `at`.
    pub(crate) fn floats<E: FloatElement>(
        &mut self,
        values: &[E],
        target: Option<u32>,
        bounds: bool,
        at: impl Fn() -> String,
    ) -> Result<usize, ExportError> {
        if values.is_empty() {
            return Err(ExportError::Invalid {
                at: at(),
                message: "an accessor needs at least one element".into(),
            });
        }
        let offset = self.begin_view();
        let components = values[0].array().as_ref().len();
        self.data.reserve(values.len() * components * 4);
        let mut min = vec![f32::INFINITY; components];
        let mut max = vec![f32::NEG_INFINITY; components];
        for value in values {
            for (k, &x) in value.array().as_ref().iter().enumerate() {
                if !x.is_finite() {
                    return Err(ExportError::NonFinite { at: at() });
                }
                min[k] = min[k].min(x);
                max[k] = max[k].max(x);
                self.data.extend_from_slice(&x.to_le_bytes());
            }
        }
        let view = self.end_view(offset, target);
        let accessor = self.accessor(view, FLOAT, values.len(), E::TYPE);
        if bounds {
            accessor["min"] = nums(min);
            accessor["max"] = nums(max);
        }
        Ok(self.accessors.len() - 1)
    }

    /// An index accessor: `UNSIGNED_SHORT` when every index is below 65535, else
    /// `UNSIGNED_INT` (glTF forbids the largest value of the type, a restart index in
    /// some APIs). The caller has checked the indices against the vertex count, which
    /// is at most 2^32 - 1, so no index is `u32::MAX`.
    pub(crate) fn indices(&mut self, indices: &[u32]) -> usize {
        let offset = self.begin_view();
        let max = indices.iter().copied().max().unwrap_or(0);
        let component = if max < u32::from(u16::MAX) {
            self.data.reserve(indices.len() * 2);
            for &i in indices {
                self.data.extend_from_slice(&(i as u16).to_le_bytes());
            }
            UNSIGNED_SHORT
        } else {
            self.data.reserve(indices.len() * 4);
            for &i in indices {
                self.data.extend_from_slice(&i.to_le_bytes());
            }
            UNSIGNED_INT
        };
        let view = self.end_view(offset, Some(ELEMENT_ARRAY_BUFFER));
        self.accessor(view, component, indices.len(), "SCALAR");
        self.accessors.len() - 1
    }

    /// A `JOINTS_0` or `JOINTS_1` accessor: `UNSIGNED_SHORT` `VEC4` (8 bytes a vertex,
    /// 4-aligned).
    pub(crate) fn joints(&mut self, joints: &[[u16; 4]]) -> usize {
        let offset = self.begin_view();
        self.data.reserve(joints.len() * 8);
        for joint in joints {
            for j in joint {
                self.data.extend_from_slice(&j.to_le_bytes());
            }
        }
        let view = self.end_view(offset, Some(ARRAY_BUFFER));
        self.accessor(view, UNSIGNED_SHORT, joints.len(), "VEC4");
        self.accessors.len() - 1
    }

    /// The `buffers` entry, or `None` when nothing was written. The length is rounded
    /// up to 4 bytes, as the binary chunk will be.
    pub(crate) fn finish(&mut self) -> Result<Option<Value>, ExportError> {
        if self.data.is_empty() {
            return Ok(None);
        }
        let len = padded(self.data.len());
        self.data.resize(len, 0);
        if u32::try_from(len).is_err() {
            return Err(ExportError::TooLarge {
                what: "binary chunk",
                bytes: len as u64,
            });
        }
        Ok(Some(json!({ "byteLength": len })))
    }
}

/// The `min`/`max` of an accessor as written, for tests.
#[cfg(test)]
fn bounds_of(accessor: &Value) -> (Vec<f32>, Vec<f32>) {
    let read = |key: &str| -> Vec<f32> {
        accessor[key]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).map(|v| v as f32).collect())
            .unwrap_or_default()
    };
    (read("min"), read("max"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_start_on_four_byte_boundaries() {
        let mut bin = Bin::default();
        let three = bin.indices(&[0, 1, 2]); // 6 bytes
        let positions = bin
            .floats(&[Vec3::ZERO, Vec3::ONE], Some(ARRAY_BUFFER), true, String::new)
            .expect("finite");
        assert_eq!((three, positions), (0, 1));
        assert_eq!(bin.views[0]["byteOffset"], 0);
        assert_eq!(bin.views[0]["byteLength"], 6);
        assert_eq!(bin.views[1]["byteOffset"], 8);
        assert_eq!(bin.views[1]["byteLength"], 24);
        assert_eq!(bin.views[1]["target"], ARRAY_BUFFER);
        assert_eq!(&bin.data[6..8], &[0, 0]);
        bin.view(&[9; 3]);
        assert_eq!(bin.views[2]["byteOffset"], 32);
        let buffer = bin.finish().expect("small").expect("has data");
        assert_eq!(buffer["byteLength"], 36);
        assert_eq!(bin.data.len(), 36);
    }

    #[test]
    fn float_accessors_carry_exact_bounds_and_refuse_nan() {
        let mut bin = Bin::default();
        let values = [Vec3::new(0.1, -2.0, 5.0), Vec3::new(-0.3, 7.5, 1e-7)];
        let a = bin.floats(&values, None, true, String::new).expect("finite");
        let (min, max) = bounds_of(&bin.accessors[a]);
        assert_eq!(min, vec![-0.3, -2.0, 1e-7]);
        assert_eq!(max, vec![0.1, 7.5, 5.0]);
        assert_eq!(bin.accessors[a]["componentType"], FLOAT);
        assert_eq!(bin.accessors[a]["type"], "VEC3");
        assert_eq!(bin.accessors[a]["count"], 2);
        let bytes: Vec<f32> = bin.data[..24]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        assert_eq!(bytes, vec![0.1, -2.0, 5.0, -0.3, 7.5, 1e-7]);

        let bad = bin.floats(&[Vec2::new(0.0, f32::NAN)], None, false, || "uv".into());
        assert!(matches!(bad, Err(ExportError::NonFinite { at }) if at == "uv"));
        let empty: [f32; 0] = [];
        assert!(matches!(
            bin.floats(&empty, None, false, String::new),
            Err(ExportError::Invalid { .. })
        ));
    }

    #[test]
    fn indices_are_u16_below_65535_and_u32_from_it() {
        let mut bin = Bin::default();
        let short = bin.indices(&[0, 65534]);
        let long = bin.indices(&[0, 65535]);
        assert_eq!(bin.accessors[short]["componentType"], UNSIGNED_SHORT);
        assert_eq!(bin.accessors[long]["componentType"], UNSIGNED_INT);
        assert_eq!(&bin.data[0..4], &[0, 0, 0xFE, 0xFF]);
        assert_eq!(&bin.data[4..12], &[0, 0, 0, 0, 0xFF, 0xFF, 0, 0]);
        assert_eq!(bin.views[long]["target"], ELEMENT_ARRAY_BUFFER);
    }

    #[test]
    fn matrices_are_written_column_major() {
        let mut bin = Bin::default();
        let m = Mat4::from_translation(Vec3::new(1.0, 2.0, 3.0));
        bin.floats(&[m], None, false, String::new).expect("finite");
        let floats: Vec<f32> = bin
            .data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        assert_eq!(&floats[12..16], &[1.0, 2.0, 3.0, 1.0]);
        assert_eq!(bin.accessors[0]["type"], "MAT4");
    }

    #[test]
    fn an_empty_binary_chunk_is_no_buffer() {
        let mut bin = Bin::default();
        assert!(bin.finish().expect("nothing to check").is_none());
    }
}

//! The corners of a flat-shaded primitive that deform alike.
//!
//! A flat-shaded primitive is unindexed: each triangle has its own three vertices, so a
//! point of the surface appears once per triangle around it (the Fox's 1,728 vertices
//! are 290 points). The deformation pass deforms each point once, at one corner that
//! stands for it, and then gives every corner its point's position and its face's
//! normal (`shaders/deform.wgsl`).

use std::collections::HashMap;

/// The points of a primitive and the corner each of its corners copies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Weld {
    /// Per point, the first corner (vertex) that has it: where the pass deforms it.
    pub representatives: Vec<u32>,
    /// Per corner, the representative corner of its point (itself for a representative).
    pub corners: Vec<u32>,
}

impl Weld {
    /// Groups the `vertex_count` corners whose deformation inputs are bitwise equal:
    /// `inputs(v, out)` appends corner `v`'s inputs (rest position, tangent where there
    /// are tangents, skinning data, morph offsets) as words to `out`.
    pub fn new(vertex_count: usize, mut inputs: impl FnMut(usize, &mut Vec<u32>)) -> Self {
        let mut seen: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut weld = Self {
            representatives: Vec::new(),
            corners: Vec::with_capacity(vertex_count),
        };
        let mut key = Vec::new();
        for v in 0..vertex_count {
            key.clear();
            inputs(v, &mut key);
            let corner = v as u32;
            let representative = *seen.entry(key.clone()).or_insert_with(|| {
                weld.representatives.push(corner);
                corner
            });
            weld.corners.push(representative);
        }
        weld
    }

    /// The words uploaded for the pass: the representatives, then the corner map.
    pub fn words(&self) -> impl Iterator<Item = u32> + '_ {
        self.representatives.iter().chain(&self.corners).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_with_equal_inputs_share_the_first_as_representative() {
        // Two triangles sharing an edge: corners 1 and 2 equal corners 4 and 3.
        let points = [[0, 0], [1, 0], [0, 1], [0, 1], [1, 0], [1, 1]];
        let weld = Weld::new(points.len(), |v, out| out.extend(points[v]));
        assert_eq!(weld.representatives, [0, 1, 2, 5]);
        assert_eq!(weld.corners, [0, 1, 2, 2, 1, 5]);
        assert_eq!(weld.words().collect::<Vec<_>>(), [0, 1, 2, 5, 0, 1, 2, 2, 1, 5]);
    }

    #[test]
    fn a_difference_in_any_input_keeps_corners_apart() {
        // Same position, different skinning word.
        let inputs = [[7, 1], [7, 2], [7, 1]];
        let weld = Weld::new(inputs.len(), |v, out| out.extend(inputs[v]));
        assert_eq!(weld.representatives, [0, 1]);
        assert_eq!(weld.corners, [0, 1, 0]);
    }
}

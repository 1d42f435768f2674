//! Levels of detail by vertex clustering: vertices are snapped to a grid over the
//! primitive's bounds and merged per cell; triangles that collapse are dropped. Fast,
//! deterministic and robust on any mesh; coarser than error-driven simplification, which
//! suits the far levels it is used for.

use crate::bounds::Bounds;
use crate::mesh::{Primitive, Topology};
use glam::{UVec3, Vec3};
use std::collections::HashMap;

/// The primitive with vertices merged on a grid of `cells` cells along its longest axis.
/// Each cell keeps its first vertex (and that vertex's attributes); degenerate and
/// repeated triangles are removed. Lines and points are returned unchanged.
pub fn cluster(p: &Primitive, cells: u32) -> Primitive {
    if p.topology != Topology::Triangles || p.bounds.is_empty() {
        return p.clone();
    }
    let size = p.bounds.aabb.size();
    let cell = (size.max_element() / cells.max(1) as f32).max(f32::MIN_POSITIVE);
    let origin = p.bounds.aabb.min;
    let key = |v: Vec3| -> UVec3 { ((v - origin) / cell).floor().max(Vec3::ZERO).as_uvec3() };
    // Old vertex -> new vertex, and the old vertex each new one comes from.
    let mut cluster_of: HashMap<UVec3, u32> = HashMap::new();
    let mut remap = vec![0u32; p.vertex_count()];
    let mut kept: Vec<u32> = Vec::new();
    for (v, position) in p.positions.iter().enumerate() {
        remap[v] = *cluster_of.entry(key(*position)).or_insert_with(|| {
            kept.push(v as u32);
            kept.len() as u32 - 1
        });
    }
    let mut seen = std::collections::HashSet::new();
    let mut indices = Vec::with_capacity(p.indices.len());
    for t in p.indices.chunks_exact(3) {
        let [a, b, c] = [remap[t[0] as usize], remap[t[1] as usize], remap[t[2] as usize]];
        if a == b || b == c || a == c {
            continue;
        }
        // The same triangle once, whatever vertex it starts at.
        let rotated = if a < b && a < c {
            [a, b, c]
        } else if b < c {
            [b, c, a]
        } else {
            [c, a, b]
        };
        if seen.insert(rotated) {
            indices.extend(rotated);
        }
    }
    let mut out = p.clone();
    out.gather_vertices(&kept);
    out.indices = indices;
    out.bounds = Bounds::from_points(&out.positions);
    out
}

/// Up to `levels` coarser versions of a triangle primitive, each with about half the
/// triangles of the one before (the grid is searched per level). Stops early when a
/// level would not go below 70% of the previous one, or below `min_triangles`.
pub fn lod_chain(p: &Primitive, levels: usize, min_triangles: usize) -> Vec<Primitive> {
    let mut chain: Vec<Primitive> = Vec::new();
    let mut current = p.triangle_count();
    let mut upper = 1024u32;
    for _ in 0..levels {
        let target = current / 2;
        if target < min_triangles {
            break;
        }
        // Fewer cells, fewer triangles: bisect on the cell count.
        let (mut lo, mut hi) = (1u32, upper);
        let mut best: Option<Primitive> = None;
        for _ in 0..10 {
            let mid = (lo + hi) / 2;
            let candidate = cluster(p, mid);
            let count = candidate.triangle_count();
            if count > target {
                hi = mid;
            } else {
                lo = mid + 1;
                best = Some(candidate);
            }
            if lo >= hi {
                break;
            }
        }
        let Some(level) = best else { break };
        let count = level.triangle_count();
        if count == 0 || count * 10 > current * 7 {
            break;
        }
        upper = lo.max(2);
        current = count;
        chain.push(level);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A subdivided plane with `n` × `n` quads.
    fn plane(n: u32) -> Primitive {
        let mut positions = Vec::new();
        for y in 0..=n {
            for x in 0..=n {
                positions.push(Vec3::new(x as f32, y as f32, ((x * 7 + y * 3) % 5) as f32 * 0.01));
            }
        }
        let mut indices = Vec::new();
        for y in 0..n {
            for x in 0..n {
                let a = y * (n + 1) + x;
                indices.extend([a, a + 1, a + n + 1, a + 1, a + n + 2, a + n + 1]);
            }
        }
        let normals = vec![Vec3::Z; positions.len()];
        Primitive::new(Topology::Triangles, positions, normals, indices)
    }

    #[test]
    fn clustering_merges_vertices_and_drops_collapsed_triangles() {
        let p = plane(64);
        let coarse = cluster(&p, 16);
        assert!(coarse.vertex_count() <= 17 * 17, "{}", coarse.vertex_count());
        assert!(coarse.triangle_count() < p.triangle_count() / 4);
        assert!(coarse.triangle_count() > 0);
        // Valid indices, no degenerate triangles, bounds within the original.
        for t in coarse.indices.chunks_exact(3) {
            assert!(t.iter().all(|i| (*i as usize) < coarse.vertex_count()));
            assert!(t[0] != t[1] && t[1] != t[2] && t[0] != t[2]);
        }
        assert!(
            p.bounds.aabb.contains_point(coarse.bounds.aabb.min)
                && p.bounds.aabb.contains_point(coarse.bounds.aabb.max)
        );
        assert_eq!(coarse.normals.len(), coarse.vertex_count());
    }

    #[test]
    fn chains_roughly_halve_each_level() {
        let p = plane(96);
        let chain = lod_chain(&p, 3, 64);
        assert_eq!(chain.len(), 3);
        let mut previous = p.triangle_count();
        for level in &chain {
            let count = level.triangle_count();
            assert!(
                count <= previous / 2 && count * 4 >= previous / 2 / 2,
                "{previous} -> {count}"
            );
            previous = count;
        }
        assert!(
            lod_chain(&plane(4), 3, 64).is_empty(),
            "small meshes get no levels"
        );
    }
}
